import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixedClock } from '@onestop/platform';
import { eventually, type FakeService, readPdfText, startServiceUnderTest, type ServiceUnderTest } from '@onestop/platform/testing';
import { CENTRE_RECEPTION, DEPARTMENT, DEPARTMENT_SPECIALIST, dossierReceived, MONDAY_10AM, SERVICE_CENTRE } from '../../../../test/fixtures/index.js';
import { PaymentModule } from '../payment.module.js';
import { OnlinePaymentsService } from './online-payments.service.js';

const SECRET_KEY = 'paygov-shared-key-for-tests-0001';
const PARTNER = 'ONESTOP-TEST';
const LOOKUP = 'Q7MK3XHP9T2D';
const FEE = 135_000;

/** SHA-256 over the values in the platform's order and the key, written here independently of the code under test. */
const sha = (values: unknown[]) => createHash('sha256').update([...values.map((v) => (v === undefined || v === null ? '' : String(v))), SECRET_KEY].join('|')).digest('hex');
const INIT_ORDER = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'];
const RESULT_ORDER = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'];

/** A stand-in for the national payment platform on a real port: checks each INIT, answers status queries and the day's settlements. */
class FakePaygov {
  server: Server;
  inits: Array<Record<string, unknown>> = [];
  refusedInits = 0;
  paid = new Map<string, Record<string, unknown>>();
  extraSettlements: Array<Record<string, unknown>> = [];

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const message = JSON.parse(body) as Record<string, unknown>;
        const answer = (payload: unknown) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (req.url === '/init') {
          const expected = sha(INIT_ORDER.map((field) => message[field]));
          if (message.MaXacThuc !== expected || message.LoaiBanTin !== 'INIT' || message.MaDoiTac !== PARTNER) {
            this.refusedInits++;
            return answer({ error_code: '07', message: 'Sai ma xac thuc' });
          }
          this.inits.push(message);
          return answer({ error_code: '0', message: JSON.stringify({ UrlThanhToan: `https://pay.test/checkout/${String(message.MaThamChieu)}` }) });
        }
        if (req.url === '/status') {
          if (message.MaXacThuc !== sha([message.LoaiBanTin, message.PhienBan, message.MaDoiTac, message.MaThamChieu, message.ThoiGianGD])) return answer({ MaLoi: '07' });
          const result = this.paid.get(String(message.MaThamChieu));
          return answer(result ? { ...result, TrangThaiGD: '1' } : { MaLoi: '00', TrangThaiGD: '3' });
        }
        if (req.url === '/reconciliation') {
          const listed = [...this.paid.values()].map((r) => ({ MaThamChieu: r.MaThamChieu, MaGiaoDich: r.MaGiaoDich, SoTien: r.SoTien, ThoiGianGD: r.ThoiGianGD }));
          return answer({ MaLoi: '00', DanhSachGiaoDich: [...listed, ...this.extraSettlements] });
        }
        res.writeHead(404).end();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The platform's signed result of a payment of `reference`. */
  result(reference: string, overrides: Record<string, unknown> = {}, { sign = true } = {}): Record<string, unknown> {
    const message: Record<string, unknown> = {
      LoaiBanTin: 'PAY',
      MaLoi: '00',
      MaDoiTac: PARTNER,
      MaThamChieu: reference,
      SoTien: String(FEE),
      MaTienTe: 'VND',
      MaGiaoDich: `PG-${reference}`,
      MaNganHang: 'VCB',
      ThoiGianGD: '20260316100612',
      ThongTinGiaoDich: 'Thanh toan',
      ...overrides,
    };
    message.MaXacThuc = sign ? sha(RESULT_ORDER.map((field) => message[field])) : 'f'.repeat(64);
    return message;
  }
}

const catalog: FakeService = (request) => {
  if (request.path === '/api/v1/procedures/1.007001/versions/1') {
    return { body: { code: '1.007001', versionNo: 1, procedure: { fees: [{ code: 'LP-1', name: 'Lệ phí cấp giấy phép lái xe', kind: 'charge', amountVnd: FEE, due: 'at_submission' }] } } };
  }
  if (request.path.startsWith('/api/v1/agencies/')) return { body: { code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', parentCode: null } };
  return undefined;
};

const intake: FakeService = (request) => {
  if (/^\/internal\/dossiers\/[^/]+\/payer$/.test(request.path)) return { body: { name: 'Nguyễn Văn An', idNumber: '001085012345' } };
  if (request.path === '/api/v1/lookup') return request.query.get('secret') === LOOKUP ? { body: { code: request.query.get('code') } } : { status: 404, body: { code: 'dossier-not-found', title: 'Not Found' } };
  return undefined;
};

interface Fees {
  outstandingVnd: number;
  paidVnd: number;
  bills: Array<{ id: string; status: string; stopsClock: boolean; attempts: Array<{ reference: string; outcome: string | null }> }>;
  payments: Array<{ id: string; duplicate: boolean; receipt: { id: string; number: string } | null; refund: { automatic: boolean; reason: string } | null; channel: string }>;
}

describe('payment through the national payment platform (fake PayGov on a real port)', () => {
  const paygov = new FakePaygov();
  const clock = new FixedClock(new Date(MONDAY_10AM));
  let payment: ServiceUnderTest;
  let reception: string;
  let specialist: string;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${payment.url}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  const fees = async (code: string) => (await (await api(`/payments/dossiers/${code}?secret=${LOOKUP}`)).json()) as Fees;
  const receive = async (code: string) => {
    expect((await payment.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code) })).status).toBe(200);
  };
  const startOnline = async (code: string) => {
    const response = await api(`/payments/dossiers/${code}/online?secret=${LOOKUP}`, { method: 'POST' });
    expect(response.status).toBe(200);
    return (await response.json()) as { reference: string; paymentUrl: string; amountVnd: number };
  };
  const callback = (message: Record<string, unknown>) => api('/payment-callbacks/paygov', { method: 'POST', body: JSON.stringify(message) });
  const eventsOf = (type: string, code: string, to: 'workflow' | 'reporting' = 'workflow') => payment.deliveredTo(to).filter((e) => e.type === type && (e.payload as { dossierCode: string }).dossierCode === code);

  beforeAll(async () => {
    await new Promise<void>((resolve) => paygov.server.listen(0, '127.0.0.1', resolve));
    payment = await startServiceUnderTest(PaymentModule, {
      service: 'payment',
      fakes: { catalog, intake },
      clock,
      settings: {
        PAYMENT_PLATFORM: 'paygov',
        PAYGOV_PARTNER_CODE: PARTNER,
        PAYGOV_SECRET_KEY: SECRET_KEY,
        PAYGOV_INIT_URL: `${paygov.url}/init`,
        PAYGOV_STATUS_URL: `${paygov.url}/status`,
        PAYGOV_RECONCILIATION_URL: `${paygov.url}/reconciliation`,
        PAYMENT_POLL_MS: '600000',
        PAYMENT_POLL_STALE_MS: '0',
      },
    });
    reception = await payment.tokenFor(CENTRE_RECEPTION);
    specialist = await payment.tokenFor(DEPARTMENT_SPECIALIST);
  });

  afterAll(async () => {
    await payment?.close();
    await new Promise((resolve) => paygov.server.close(resolve));
  });

  it('assesses the procedure version\'s fee at reception and asks for it without stopping the clock', async () => {
    const code = '000.00.01.H56-260316-0101';
    await receive(code);
    const account = await fees(code);
    expect(account.outstandingVnd).toBe(FEE);
    expect(account.bills).toHaveLength(1);
    expect(account.bills[0]).toMatchObject({ status: 'open', stopsClock: false });
    const [requested] = await eventually(async () => (eventsOf('PaymentRequested', code).length ? eventsOf('PaymentRequested', code) : undefined), 5000, 'PaymentRequested');
    expect(requested.payload).toMatchObject({ dossierCode: code, amountVnd: FEE, due: 'at_submission', stopsClock: false, howToPay: { online: true, counter: true } });
    // A redelivery assesses nothing twice.
    await receive(code);
    expect((await fees(code)).bills).toHaveLength(1);
  });

  it('sends INIT with every field and a MaXacThuc the platform verifies, and reopens the same page on a second click', async () => {
    const code = '000.00.01.H56-260316-0102';
    await receive(code);
    const started = await startOnline(code);
    expect(started.paymentUrl).toBe(`https://pay.test/checkout/${started.reference}`);
    const init = paygov.inits.find((m) => m.MaThamChieu === started.reference)!;
    expect(init).toMatchObject({ LoaiBanTin: 'INIT', LoaiHinhThanhToan: 'PAY', NgonNgu: 'vi-VN', MaTienTe: 'VND', SoTien: String(FEE), MaDoiTac: PARTNER, ThoiGianGD: '20260316100000' });
    expect(init.ThongTinBienLai).toEqual({
      MaDichVu: '1',
      MaTTHC: '1.007001',
      MaDonVi: SERVICE_CENTRE,
      MaHoSo: code,
      HoTenNguoiNop: 'Nguyễn Văn An',
      SoCMNDNguoiNop: '001085012345',
      PhiLePhi: [{ LoaiPhiLePhi: 2, MaPhiLePhi: 'LP-1', TenPhiLePhi: 'Lệ phí cấp giấy phép lái xe', SoTien: FEE }],
    });
    expect(paygov.refusedInits).toBe(0);
    expect((await startOnline(code)).reference).toBe(started.reference);
    expect(paygov.inits.filter((m) => String(m.ThongTinBienLai && (m.ThongTinBienLai as { MaHoSo: string }).MaHoSo) === code)).toHaveLength(1);
  });

  it('believes a callback only when its MaXacThuc verifies and its amount and currency are the bill\'s, then records it once', async () => {
    const code = '000.00.01.H56-260316-0103';
    await receive(code);
    const { reference } = await startOnline(code);

    const forged = await callback(paygov.result(reference, {}, { sign: false }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'invalid-signature', MaLoi: '07' });
    const cheaper = await callback(paygov.result(reference, { SoTien: '1000' }));
    expect(cheaper.status).toBe(422);
    expect(await cheaper.json()).toMatchObject({ code: 'amount-mismatch', MaLoi: '03' });
    const dollars = await callback(paygov.result(reference, { MaTienTe: 'USD' }));
    expect(dollars.status).toBe(422);
    expect((await fees(code)).bills[0].status).toBe('open');

    const good = await callback(paygov.result(reference));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ MaLoi: '00', MoTaLoi: 'Thành công' });
    const again = await callback(paygov.result(reference));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ MaLoi: '00' });

    const account = await fees(code);
    expect(account).toMatchObject({ outstandingVnd: 0, paidVnd: FEE });
    expect(account.payments).toHaveLength(1);
    expect(account.payments[0]).toMatchObject({ channel: 'online', duplicate: false, refund: null });
    expect(account.payments[0].receipt?.number).toMatch(new RegExp(`^${SERVICE_CENTRE.replace(/\./g, '\\.')}-BL2026-\\d{7}$`));
    const paid = await eventually(async () => (eventsOf('FeePaid', code).length ? eventsOf('FeePaid', code) : undefined), 5000, 'FeePaid');
    expect(paid).toHaveLength(1);
    expect(paid[0].payload).toMatchObject({ amountVnd: FEE, channel: 'online', method: 'paygov', duplicate: false });
    // The refusals are logged without the payer's data.
    const log = await payment.query<{ outcome: string; detail: string | null }>(`SELECT outcome, detail FROM payment.platform_callbacks WHERE reference = $1 ORDER BY id`, [reference]);
    expect(log.map((l) => l.outcome)).toEqual(['refused', 'refused', 'refused', 'paid', 'already_recorded']);
    expect(JSON.stringify(log)).not.toContain('Nguyễn');
  });

  it('refunds a second payment of a paid bill automatically and shows it', async () => {
    const code = '000.00.01.H56-260316-0104';
    await receive(code);
    const { reference } = await startOnline(code);
    expect((await callback(paygov.result(reference))).status).toBe(200);
    // The applicant paid again in another tab: another transaction of the same bill.
    expect((await callback(paygov.result(reference, { MaGiaoDich: `PG2-${reference}` }))).status).toBe(200);
    const account = await fees(code);
    expect(account.paidVnd).toBe(FEE);
    expect(account.payments).toHaveLength(2);
    const second = account.payments.find((p) => p.duplicate)!;
    expect(second).toMatchObject({ receipt: null, refund: { automatic: true } });
    const refunded = await eventually(async () => (eventsOf('FeeRefunded', code, 'reporting').length ? eventsOf('FeeRefunded', code, 'reporting') : undefined), 5000, 'FeeRefunded');
    expect(refunded[0].payload).toMatchObject({ automatic: true, amountVnd: FEE, refundedBy: 'system' });
  });

  it('settles by polling a payment whose callback never came, and takes the late callback as already recorded', async () => {
    const code = '000.00.01.H56-260316-0105';
    await receive(code);
    const { reference } = await startOnline(code);
    paygov.paid.set(reference, paygov.result(reference));
    await payment.app.get(OnlinePaymentsService).pollUnsettled();
    expect((await fees(code)).bills[0].status).toBe('paid');
    const late = await callback(paygov.result(reference));
    expect(await late.json()).toEqual({ MaLoi: '00', MoTaLoi: 'Giao dịch đã được ghi nhận trước đó' });
    expect((await fees(code)).payments).toHaveLength(1);
  });

  it('records one payment when the counter and the platform pay the same bill at once, and numbers receipts without gaps', async () => {
    const codes = Array.from({ length: 6 }, (_, i) => `000.00.01.H56-260316-02${String(i).padStart(2, '0')}`);
    for (const code of codes) await receive(code);
    const references = await Promise.all(codes.map(async (code) => (await startOnline(code)).reference));
    const answers = await Promise.all(
      codes.flatMap((code, i) => [
        callback(paygov.result(references[i])),
        api(`/payments/dossiers/${code}/counter-payments`, { method: 'POST', headers: { authorization: reception }, body: JSON.stringify({ method: 'cash', amountVnd: FEE, receiptNumber: `PT-${i}` }) }),
      ]),
    );
    for (const [i, code] of codes.entries()) {
      const account = await fees(code);
      const settled = account.payments.filter((p) => !p.duplicate);
      expect(settled).toHaveLength(1);
      expect(account.paidVnd).toBe(FEE);
      // Either the counter came second and took nothing (409), or the platform came second and was refunded.
      const counter = answers[i * 2 + 1].status;
      expect(counter === 201 ? account.payments.filter((p) => p.duplicate && p.refund?.automatic).length : counter).toBe(counter === 201 ? 1 : 409);
    }
    const serials = (await payment.query<{ serial: number }>(`SELECT serial FROM payment.receipts WHERE agency_code = $1 AND year = 2026 ORDER BY serial`, [SERVICE_CENTRE])).map((r) => r.serial);
    expect(serials).toEqual(serials.map((_, i) => i + 1));
  });

  it('stops the clock for a fee assessed during processing, prints the receipt, and refunds it on withdrawal', async () => {
    const code = '000.00.01.H56-260316-0106';
    await receive(code);
    const { reference } = await startOnline(code);
    await callback(paygov.result(reference));
    const assessed = await api(`/payments/dossiers/${code}/fees`, {
      method: 'POST',
      headers: { authorization: specialist },
      body: JSON.stringify({ lines: [{ code: 'PTD-1', name: 'Phí thẩm định hồ sơ', kind: 'fee', amountVnd: 500_000 }], reason: 'Phí thẩm định theo kết quả thẩm định' }),
    });
    expect(assessed.status).toBe(201);
    expect(await assessed.json()).toMatchObject({ amountVnd: 500_000, stopsClock: true, due: 'before_result', lines: [{ code: 'PTD-1', kind: 'fee' }] });
    const requested = await eventually(async () => eventsOf('PaymentRequested', code).find((e) => (e.payload as { stopsClock: boolean }).stopsClock), 5000, 'the assessed fee requested');
    expect(requested.payload).toMatchObject({ amountVnd: 500_000, requestedBy: DEPARTMENT_SPECIALIST.subject });

    const counter = await api(`/payments/dossiers/${code}/counter-payments`, { method: 'POST', headers: { authorization: reception }, body: JSON.stringify({ method: 'card', amountVnd: 500_000, receiptNumber: 'POS 000123' }) });
    expect(counter.status).toBe(201);
    const paid = await eventually(async () => eventsOf('FeePaid', code).find((e) => (e.payload as { resumesClock: boolean }).resumesClock), 5000, 'the clock to resume');
    expect(paid.payload).toMatchObject({ amountVnd: 500_000, channel: 'counter', method: 'card' });

    const account = await fees(code);
    const online = account.payments.find((p) => p.channel === 'online')!;
    const receiptId = online.receipt!.id;
    const pdf = await api(`/receipts/${receiptId}?secret=${LOOKUP}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = await readPdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('135.000 đồng');
    expect((await api(`/receipts/${receiptId}?secret=WRONGCODE000`)).status).toBe(404);

    const withdrawn = await payment.deliver({
      type: 'DossierStatusChanged',
      source: 'workflow',
      version: 2,
      payload: { dossierCode: code, status: 'withdrawn', nationalStatusCode: 7, at: MONDAY_10AM, content: 'Rút hồ sơ', appointmentAt: MONDAY_10AM, dueAt: MONDAY_10AM, sequence: 9, step: { action: 'withdraw', unit: { code: SERVICE_CENTRE, name: null }, officer: { name: null, title: null }, startedAt: null, statutoryEndAt: null, note: null } },
    });
    expect(withdrawn.status).toBe(200);
    const refund = await api(`/payments/dossiers/${code}/refunds`, { method: 'POST', headers: { authorization: reception }, body: JSON.stringify({ paymentId: online.id, reason: 'Người nộp rút hồ sơ: hoàn trả lệ phí' }) });
    expect(refund.status).toBe(201);
    expect(await refund.json()).toMatchObject({ amountVnd: FEE, automatic: false, refundedBy: CENTRE_RECEPTION.subject });
    expect((await api(`/payments/dossiers/${code}/refunds`, { method: 'POST', headers: { authorization: reception }, body: JSON.stringify({ paymentId: online.id, reason: 'again' }) })).status).toBe(409);
    const after = await fees(code);
    expect(after.paidVnd).toBe(500_000);
    expect((await payment.query(`SELECT 1 FROM payment.refunds WHERE payment_id = $1`, [online.id])).length).toBe(1);
    await expect(payment.query(`DELETE FROM payment.receipts WHERE id = $1`, [receiptId])).rejects.toThrow(/voided, never deleted/);
  });

  it('answers the platform\'s bill query with the open bill and a reference to pay under', async () => {
    const code = '000.00.01.H56-260316-0107';
    await receive(code);
    const query: Record<string, unknown> = { LoaiBanTin: 'BILL', PhienBan: '1.0.0', MaDoiTac: PARTNER, MaHoSo: code, ThoiGianGD: '20260316100000' };
    const forged = await api('/payment-callbacks/paygov/bills', { method: 'POST', body: JSON.stringify({ ...query, MaXacThuc: 'a'.repeat(64) }) });
    expect(forged.status).toBe(401);
    const answer = await api('/payment-callbacks/paygov/bills', { method: 'POST', body: JSON.stringify({ ...query, MaXacThuc: sha(Object.values(query)) }) });
    expect(answer.status).toBe(200);
    const bill = (await answer.json()) as Record<string, unknown>;
    expect(bill).toMatchObject({ MaLoi: '00', MaHoSo: code, SoTien: String(FEE), MaTienTe: 'VND' });
    expect(bill.MaXacThuc).toBe(sha([bill.MaLoi, bill.MaDoiTac, bill.MaHoSo, bill.MaThamChieu, bill.SoTien, bill.MaTienTe]));
    expect((await callback(paygov.result(String(bill.MaThamChieu)))).status).toBe(200);
    expect((await fees(code)).bills[0].status).toBe('paid');
  });

  it('reconciles a day with the platform and lists what only one side has', async () => {
    paygov.extraSettlements = [{ MaThamChieu: 'BUNKNOWN00001', MaGiaoDich: 'PG-UNKNOWN', SoTien: '50000', ThoiGianGD: '20260316110000' }];
    const leader = await payment.tokenFor({ subject: 'leader.centre', roles: ['leader'], agencyCodes: [SERVICE_CENTRE] });
    const response = await api(`/payments/reconciliation?date=2026-03-16&agencyCode=${SERVICE_CENTRE}`, { headers: { authorization: leader } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { differences: Array<{ kind: string; transactionId: string }>; recorded: { count: number } };
    expect(report.differences.filter((d) => d.kind === 'platform_only').map((d) => d.transactionId)).toContain('PG-UNKNOWN');
    expect(report.recorded.count).toBeGreaterThan(0);
    expect((await api(`/payments/reconciliation?date=2026-03-16&agencyCode=${DEPARTMENT}`, { headers: { authorization: leader } })).status).toBe(403);
  });
});
