import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { readPdfText } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { binary, counterDossier, MAIN_FLOW_OFFICERS, MONDAY_10AM, publishBody, receiveDossier, seedCatalogBasics, SERVICE_CENTRE, signIn } from './fixtures/index.js';

interface Fees {
  outstandingVnd: number;
  paidVnd: number;
  lines: Array<{ code: string; kind: string; amountVnd: number; source: string }>;
  bills: Array<{ id: string; status: string; amountVnd: number; stopsClock: boolean }>;
  payments: Array<{ id: string; channel: string; duplicate: boolean; receipt: { id: string; number: string } | null; refund: { reason: string } | null }>;
}

/**
 * Fees end to end, through the gateway: the procedure's fee assessed at reception and printed on
 * form 01, paid online on the simulated platform's page (its signed callback), a fee assessed during
 * processing stopping the clock (national status 6) until paid at the counter, the receipt printed,
 * a withdrawn dossier's fee refunded, and reporting's 766 online-payment component measured.
 */
describe('fees and online payment', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let as: Record<keyof typeof MAIN_FLOW_OFFICERS, string>;

  const fees = async (code: string, secret: string) => (await api().get(`/api/v1/payments/dossiers/${code}?secret=${secret}`).expect(200)).body as Fees;
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const caseOf = async (code: string) => (await api().get(`/api/v1/cases/${code}`).set('authorization', as.specialist).expect(200)).body;
  /** Pays the dossier's open bill on the simulated platform's page, as the applicant clicks it. */
  const payOnline = async (code: string, secret: string) => {
    const started = (await api().post(`/api/v1/payments/dossiers/${code}/online?secret=${secret}`).expect(200)).body as { paymentUrl: string; amountVnd: number };
    const page = new URL(started.paymentUrl).pathname;
    expect((await api().get(page).expect(200)).text).toContain('Thanh toán');
    const paid = await api().get(`${page}?outcome=pay`).expect(200);
    expect(paid.text).toContain('Thanh toán thành công');
    return started;
  };

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    await api()
      .post('/api/v1/procedures')
      .set('authorization', stack.adminAuth)
      .send(publishBody('1.009001', { fees: [{ code: 'LP-GPLX', name: 'Lệ phí cấp giấy phép lái xe', amountVnd: 135000 }] }))
      .expect(201);
    as = await signIn(stack, MAIN_FLOW_OFFICERS);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('assesses the fee at reception, takes it online, stops the clock for a fee assessed in processing until paid, and prints the receipt', async () => {
    const { code, lookupSecret } = await receiveDossier(stack, as.reception, counterDossier('1.009001'));
    const form01 = (await api().get(`/api/v1/dossiers/${code}/receipt?secret=${lookupSecret}`).expect(200)).body as { feesText: string };
    expect(form01.feesText).toContain('Lệ phí cấp giấy phép lái xe: 135.000 đồng');
    const assessed = await eventually(async () => {
      const response = await api().get(`/api/v1/payments/dossiers/${code}?secret=${lookupSecret}`);
      return response.status === 200 ? (response.body as Fees) : undefined;
    }, 10000, 'the fee assessed at reception');
    expect(assessed).toMatchObject({ outstandingVnd: 135000, lines: [{ code: 'LP-GPLX', kind: 'charge', amountVnd: 135000, source: 'procedure' }], bills: [{ status: 'open', stopsClock: false }] });

    await payOnline(code, lookupSecret);
    const paid = await eventually(async () => {
      const account = await fees(code, lookupSecret);
      return account.bills[0].status === 'paid' ? account : undefined;
    }, 10000, 'the online payment to be recorded');
    expect(paid.payments).toEqual([expect.objectContaining({ channel: 'online', duplicate: false, receipt: expect.objectContaining({ number: `${SERVICE_CENTRE}-BL2026-0000001` }) })]);

    await act(as.reception, code, { action: 'forward', note: 'Chuyển Sở GTVT' });
    await act(as.specialist, code, { action: 'claim' });
    const dueBefore = (await caseOf(code)).dueAt as string;
    const assessment = await api()
      .post(`/api/v1/payments/dossiers/${code}/fees`)
      .set('authorization', as.specialist)
      .send({ lines: [{ code: 'PTD-1', name: 'Phí sát hạch lái xe', kind: 'fee', amountVnd: 590000 }], reason: 'Phí sát hạch theo kết quả thẩm định' })
      .expect(201);
    expect(assessment.body).toMatchObject({ amountVnd: 590000, stopsClock: true, status: 'open' });
    const waiting = await eventually(async () => {
      const view = await caseOf(code);
      return view.state === 'awaiting_payment' ? view : undefined;
    }, 10000, 'the case to wait for the payment');
    expect(waiting).toMatchObject({ dossierStatus: 'payment_requested', nationalStatusCode: 6 });
    await eventually(async () => {
      const dossier = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception)).body;
      return dossier.status === 'payment_requested' && dossier.nationalStatusCode === 6 ? dossier : undefined;
    }, 10000, 'intake to show national status 6');
    // An officer cannot appraise while the fee is unpaid.
    await api().post(`/api/v1/cases/${code}/actions`).set('authorization', as.specialist).send({ action: 'appraise', opinion: 'Đủ điều kiện' }).expect(409);

    clock.set('2026-03-17T10:00:00+07:00'); // one working day waited
    const counter = await api()
      .post(`/api/v1/payments/dossiers/${code}/counter-payments`)
      .set('authorization', as.reception)
      .send({ method: 'cash', amountVnd: 590000, receiptNumber: 'PT-2026-000123' })
      .expect(201);
    expect(counter.body).toMatchObject({ channel: 'counter', method: 'cash', receipt: { number: `${SERVICE_CENTRE}-BL2026-0000002` } });
    const resumed = await eventually(async () => {
      const view = await caseOf(code);
      return view.state === 'in_step' ? view : undefined;
    }, 10000, 'the clock to resume');
    // The wait for the payment is not counted: the due date moves out by the working day waited.
    expect(new Date(resumed.dueAt).getTime() - new Date(dueBefore).getTime()).toBe(24 * 3_600_000);
    expect(resumed.waitedMinutes).toBe(480);
    await act(as.specialist, code, { action: 'appraise', opinion: 'Hồ sơ đủ điều kiện' });

    const pdf = await api().get(`/api/v1/receipts/${counter.body.receipt.id}?secret=${lookupSecret}`).set('accept', 'application/pdf').buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await readPdfText(pdf.body as Buffer);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('Phí sát hạch lái xe');
    expect(text).toContain('590.000 đồng');
    expect(text).toContain('PT-2026-000123');
  });

  it('refunds a withdrawn dossier\'s fee, with the reason and who, and the receipt shows it', async () => {
    const { code, lookupSecret } = await receiveDossier(stack, as.reception, counterDossier('1.009001'));
    await eventually(async () => ((await api().get(`/api/v1/payments/dossiers/${code}?secret=${lookupSecret}`)).status === 200 ? true : undefined), 10000, 'the account');
    await payOnline(code, lookupSecret);
    const paid = await eventually(async () => {
      const account = await fees(code, lookupSecret);
      return account.paidVnd === 135000 ? account : undefined;
    }, 10000, 'the payment');
    // The applicant withdraws at the counter, the officer acting for them.
    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', as.reception).send({ reason: 'Không còn nhu cầu' }).expect(200);
    const refund = await api()
      .post(`/api/v1/payments/dossiers/${code}/refunds`)
      .set('authorization', as.reception)
      .send({ paymentId: paid.payments[0].id, reason: 'Người nộp rút hồ sơ: hoàn trả lệ phí' })
      .expect(201);
    expect(refund.body).toMatchObject({ amountVnd: 135000, automatic: false, refundedBy: MAIN_FLOW_OFFICERS.reception.subject });
    const after = await fees(code, lookupSecret);
    expect(after.paidVnd).toBe(0);
    const receipt = (await api().get(`/api/v1/receipts/${paid.payments[0].receipt!.id}?secret=${lookupSecret}`).expect(200)).body;
    expect(receipt).toMatchObject({ amountVnd: 135000, voidedAt: null, refund: { reason: 'Người nộp rút hồ sơ: hoàn trả lệ phí' } });
    // A receipt is voided, never deleted: it still reads, marked voided.
    const voided = await api().post(`/api/v1/receipts/${receipt.id}/void`).set('authorization', as.reception).send({ reason: 'Hoàn trả do rút hồ sơ' }).expect(200);
    expect(voided.body).toMatchObject({ voidReason: 'Hoàn trả do rút hồ sơ', number: receipt.number });
    expect(voided.body.voidedAt).toMatch(/\+07:00$/);
    await api().post(`/api/v1/receipts/${receipt.id}/void`).set('authorization', as.reception).send({ reason: 'again' }).expect(409);
  });

  it('measures the 766 index\'s online payment: dossiers whose fees were paid online, of those with fees to pay', async () => {
    const component = await eventually(async () => {
      const index = (await api().get('/api/v1/reports/service-index?period=2026-03').set('authorization', stack.adminAuth).expect(200)).body as { components: Array<{ key: string; value: number | null; measure: { numerator: number; denominator: number } | null }> };
      const payment = index.components.find((c) => c.key === 'online.payment')!;
      return payment.measure?.denominator === 2 ? payment : undefined;
    }, 15000, 'reporting to count both dossiers with fees');
    // The first dossier paid online (its assessed fee at the counter); the second's online payment was refunded.
    expect(component.measure).toMatchObject({ numerator: 1, denominator: 2 });
    expect(component.value).toBe(0.5);
  });
});
