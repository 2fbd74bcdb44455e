import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CaseNoticeRecipients, ComplaintContact, DossierContact, PaymentRequestedV1 } from '@onestop/domain';
import { Clock, FixedClock } from '@onestop/platform';
import { eventually, type FakeService, freePort, startServiceUnderTest, startTestService, testSettings, type ServiceUnderTest } from '@onestop/platform/testing';
import { CENTRE_RECEPTION, DEPARTMENT, DEPARTMENT_SPECIALIST, dossierReceived, MONDAY_10AM, SERVICE_CENTRE } from '../../../test/fixtures/index.js';
import { providerSettings, signedReceipt, startFakeProvider, startSmtpServer } from '../../../test/fixtures/message-providers.js';
import { MessageRetention } from './messages/message-retention.service.js';
import { NotificationModule } from './notification.module.js';

const RECEIPT_SECRET = 'receipt-secret-for-the-tests';
const ADMIN = { subject: 'admin.test', roles: ['admin' as const] };
const OTHER_SPECIALIST = { subject: 'specialist.two', roles: ['specialist' as const], agencyCodes: [DEPARTMENT], name: 'Hoàng Văn Em' };

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
type Provider = Awaited<ReturnType<typeof startFakeProvider>>;

function contact(code: string, overrides: Partial<DossierContact['applicant']> = {}, ownerSubject: string | null = null): DossierContact {
  return {
    dossierCode: code,
    lookupCode: 'Q7MK3XHP9T2D',
    procedureName: 'Cấp đổi giấy phép lái xe',
    receivingAgencyCode: SERVICE_CENTRE,
    receivingAgencyName: 'Trung tâm Phục vụ hành chính công tỉnh',
    applicant: { kind: 'person', name: 'Nguyễn Thị Hoa', idNumber: '001190012345', phone: '0912345678', email: 'hoa.nguyen@example.vn', ...overrides },
    ownerSubject,
    appointmentAt: '2026-03-30T10:00:00+07:00',
    resultDelivery: 'counter',
  };
}

function statusChanged(code: string, action: string, extra: Record<string, unknown> = {}, note: string | null = null) {
  return {
    dossierCode: code,
    status: 'processing',
    nationalStatusCode: 4,
    at: MONDAY_10AM,
    content: { assign: 'Phân công thụ lý', forward: 'Chuyển thẩm định', request_supplement: 'Yêu cầu bổ sung hồ sơ', apologise: 'Xin lỗi và hẹn lại', refuse: 'Từ chối giải quyết', stop: 'Dừng xử lý' }[action] ?? action,
    appointmentAt: '2026-03-30T10:00:00+07:00',
    dueAt: '2026-03-30T10:00:00+07:00',
    sequence: 2,
    step: { action, unit: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' }, officer: { name: 'Trần Thị Bình', title: 'Chuyên viên' }, startedAt: MONDAY_10AM, statutoryEndAt: null, note },
    ...extra,
  };
}

function paymentRequested(code: string, expiresAt: string | null): PaymentRequestedV1 {
  return {
    dossierCode: code,
    agencyCode: SERVICE_CENTRE,
    billId: '00000000-0000-4000-8000-000000000001',
    reference: 'HS-0001',
    lines: [{ code: 'LP-1', name: 'Lệ phí cấp đổi giấy phép lái xe', kind: 'charge', amountVnd: 135000, due: 'on_submission' as PaymentRequestedV1['due'] }],
    amountVnd: 135000,
    due: 'on_submission' as PaymentRequestedV1['due'],
    stopsClock: false,
    requestedAt: MONDAY_10AM,
    requestedBy: 'system',
    reason: null,
    howToPay: { online: true, onlinePath: `/api/v1/payments/dossiers/${code}/online`, counter: true },
    expiresAt,
  };
}

/**
 * Notification alone on its database: intake and workflow faked at their HTTP doors, and the
 * outside world real servers in the test: an SMTP server (smtp-server, read with mailparser),
 * a fake SMS brand-name gateway and a fake Zalo ZNS, all on real ports, and the clock fixed.
 */
describe('notification: messages to applicants, notices to officers', () => {
  let service: ServiceUnderTest;
  let smtp: Smtp;
  let sms: Provider;
  let zalo: Provider;
  let admin: string;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const contacts = new Map<string, DossierContact>();
  const complaints = new Map<string, ComplaintContact>();
  const holders = new Map<string, CaseNoticeRecipients>();

  const intake: FakeService = (request) => {
    const dossier = /^\/internal\/dossiers\/([^/]+)\/notification-contact$/.exec(request.path);
    if (dossier) {
      const found = contacts.get(decodeURIComponent(dossier[1]));
      return found ? { body: found } : { status: 404, body: { code: 'dossier-not-found' } };
    }
    const complaint = /^\/internal\/complaints\/([^/]+)\/notification-contact$/.exec(request.path);
    if (complaint) {
      const found = complaints.get(decodeURIComponent(complaint[1]));
      return found ? { body: found } : { status: 404, body: { code: 'complaint-not-found' } };
    }
    return undefined;
  };
  const workflow: FakeService = (request) => {
    const found = /^\/internal\/cases\/([^/]+)\/notice-recipients$/.exec(request.path);
    if (!found) return undefined;
    const holder = holders.get(decodeURIComponent(found[1]));
    return holder ? { body: holder } : { status: 404, body: { code: 'case-not-found' } };
  };

  /** Event ids by the test's label for them: the same label is the same event, delivered again. */
  const eventIds = new Map<string, string>();
  const deliver = async (type: string, payload: unknown, label: string, version = 1) => {
    const id = eventIds.get(label) ?? randomUUID();
    eventIds.set(label, id);
    const source = ['DossierReceived', 'SupplementReceived', 'ComplaintAnswered'].includes(type) ? 'intake' : type.startsWith('Shipment') ? 'postal' : ['PaymentRequested', 'FeePaid'].includes(type) ? 'payment' : 'workflow';
    const response = await service.deliver({ type, payload, source, id, version });
    expect(response.status).toBe(200);
  };
  const api = async (method: string, path: string, authorization: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };
  const messagesOf = async (code: string) => (await api('GET', `/notification-messages?dossierCode=${code}&limit=200`, admin)).body.items as Array<Record<string, any>>;
  const smsTo = (phone: string) => sms.taken.filter((r) => r.body.to === phone);
  const emailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sms = await startFakeProvider('sms');
    zalo = await startFakeProvider('zalo');
    service = await startServiceUnderTest(NotificationModule, {
      service: 'notification',
      fakes: { intake, workflow },
      clock,
      settings: { ...providerSettings(smtp.url, sms.url, zalo.url, RECEIPT_SECRET), MESSAGE_MAX_ATTEMPTS: '3', OUTBOX_MAX_BACKOFF_MS: '300', NOTICE_STREAM_HEARTBEAT_MS: '200' },
    });
    admin = await service.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await service?.close();
    await Promise.all([smtp?.close(), sms?.close(), zalo?.close()]);
  });

  it('tells the applicant of each step of a dossier\'s life exactly once per channel, through duplicates and an SMS outage, in Vietnamese', async () => {
    const code = '000.00.01.H56-260316-0101';
    contacts.set(code, contact(code, {}, 'citizen-hoa'));
    holders.set(code, { dossierCode: code, agencyCode: DEPARTMENT, assignee: DEPARTMENT_SPECIALIST.subject, officers: [DEPARTMENT_SPECIALIST.subject, OTHER_SPECIALIST.subject] });
    const citizen = await service.tokenFor({ subject: 'citizen-hoa', roles: ['citizen'] });
    expect((await api('PUT', '/notification-preferences/me', citizen, { sms: true, email: true, zalo: true, zaloPhone: '0912345678' })).status).toBe(200);
    // The SMS gateway is down for the first two attempts.
    sms.failNext.count = 2;
    const life: Array<[string, unknown, number?]> = [
      ['DossierReceived', dossierReceived(code)],
      ['DossierStatusChanged', statusChanged(code, 'assign'), 2],
      ['DossierStatusChanged', statusChanged(code, 'request_supplement', { status: 'supplement_requested', supplementRequest: { requestedAt: MONDAY_10AM, items: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', note: null }, { item: 2, requirement: null, name: 'Bản sao CCCD', note: null }], note: null } }), 2],
      ['SupplementReceived', { dossierCode: code, receivedAt: MONDAY_10AM, documents: [], note: null, complete: true }],
      ['PaymentRequested', paymentRequested(code, null)],
      ['DossierStatusChanged', statusChanged(code, 'apologise', { apology: { issuedAt: MONDAY_10AM, newAppointmentAt: '2026-04-06T10:00:00+07:00' } }), 2],
      ['DossierStatusChanged', statusChanged(code, 'forward'), 2],
      ['ResultReady', { dossierCode: code, agencyCode: SERVICE_CENTRE, deliveryMethod: 'counter', resultKind: 'paper', documentNumber: '125/GP-SGTVT', readyAt: MONDAY_10AM }],
    ];
    for (const [index, [type, payload, version]] of life.entries()) {
      // Every event is delivered twice, as an at-least-once relay may.
      await deliver(type, payload, `life-${index}`, version);
      await deliver(type, payload, `life-${index}`, version);
    }
    const kinds = ['dossier_received', 'supplement_requested', 'payment_requested', 'apology_issued', 'result_ready'];
    await eventually(async () => ((await messagesOf(code)).filter((m) => m.status === 'sent').length === 15 ? true : undefined), 20000, 'the 15 messages sent');
    const messages = await messagesOf(code);
    expect(messages.map((m) => `${m.kind}/${m.channel}`).sort()).toEqual(kinds.flatMap((k) => [`${k}/email`, `${k}/sms`, `${k}/zalo`]).sort());
    expect(messages.every((m) => m.recipient === '091****678' || m.recipient === 'h***@example.vn')).toBe(true);

    // The gateway was asked more often than it took messages (the outage), and took each once.
    expect(sms.requests.length).toBeGreaterThanOrEqual(7);
    expect(smsTo('0912345678').map((r) => r.body.text)).toEqual(
      expect.arrayContaining([
        'Ho so 000.00.01.H56-260316-0101 da duoc tiep nhan. Ma tra cuu: Q7MK3XHP9T2D. Hen tra ket qua: 10:00 30/03/2026.',
        'Ho so 000.00.01.H56-260316-0101 can bo sung: Giay kham suc khoe; Ban sao CCCD. Xem phieu yeu cau bo sung tai Cong dich vu cong.',
        expect.stringContaining('nop 135.000 dong'),
        expect.stringContaining('Hen tra moi: 10:00 06/04/2026'),
        expect.stringContaining('(125/GP-SGTVT)'),
      ]),
    );
    expect(smsTo('0912345678')).toHaveLength(5);
    expect(smsTo('0912345678').every((r) => r.body.brandName === 'MOTCUA' && r.body.encoding === 'gsm7')).toBe(true);

    // Email over SMTP: Vietnamese subjects and bodies arrive as written.
    const emails = emailsTo('hoa.nguyen@example.vn');
    expect(emails.map((m) => m.parsed.subject).sort()).toEqual(
      [
        'Hồ sơ 000.00.01.H56-260316-0101 đã được tiếp nhận',
        'Hồ sơ 000.00.01.H56-260316-0101 cần bổ sung',
        'Hồ sơ 000.00.01.H56-260316-0101: thông báo nộp phí, lệ phí',
        'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ 000.00.01.H56-260316-0101',
        'Hồ sơ 000.00.01.H56-260316-0101 đã có kết quả',
      ].sort(),
    );
    const received = emails.find((m) => m.parsed.subject?.includes('tiếp nhận'))!;
    expect(received.parsed.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hoa,');
    expect(received.parsed.text).toContain('đã được Trung tâm Phục vụ hành chính công tỉnh tiếp nhận. Mã tra cứu: Q7MK3XHP9T2D. Ngày hẹn trả kết quả: 10:00 30/03/2026.');
    expect(received.raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(received.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(received.parsed.from?.text).toContain('no-reply@motcua.gov.vn');

    // Zalo: the ZNS template with its parameters, to the linked phone in international form.
    expect(zalo.taken).toHaveLength(5);
    const zns = zalo.taken.find((r) => r.body.template_id === 'onestop_dossier_received')!;
    expect(zns.body).toMatchObject({ phone: '84912345678', template_data: { dossierCode: code, lookupCode: 'Q7MK3XHP9T2D', appointmentAt: '10:00 30/03/2026', applicantName: 'Nguyễn Thị Hoa' } });

    // Officers: the assignee is told of the assignment and of the supplement; the unit of the forward.
    const specialist = await service.tokenFor(DEPARTMENT_SPECIALIST);
    const other = await service.tokenFor(OTHER_SPECIALIST);
    const mine = (await api('GET', '/notifications', specialist)).body.items as Array<Record<string, string>>;
    expect(mine.map((n) => n.kind)).toEqual(['case_arrived', 'supplement_received', 'case_assigned']);
    expect(mine[2]).toMatchObject({ dossierCode: code, title: `Hồ sơ ${code} được giao cho bạn`, body: `Phân công thụ lý: hồ sơ ${code} tại Sở Giao thông vận tải.`, readAt: null });
    expect(((await api('GET', '/notifications', other)).body.items as Array<Record<string, string>>).map((n) => n.kind)).toEqual(['case_arrived']);
  });

  it('honours the applicant\'s channels (except what the law requires) and an organisation\'s one address', async () => {
    const code = '000.00.01.H56-260316-0102';
    contacts.set(code, contact(code, { phone: '0987000102', email: 'binh@example.vn' }, 'citizen-binh'));
    const citizen = await service.tokenFor({ subject: 'citizen-binh', roles: ['citizen'] });
    const chosen = await api('PUT', '/notification-preferences/me', citizen, { sms: false, email: true, zalo: false });
    expect(chosen).toMatchObject({ status: 200, body: { sms: false, email: true, zalo: false, requiredBySms: expect.arrayContaining(['dossier_refused']) } });
    expect((await api('PUT', '/notification-preferences/me', citizen, { sms: true, email: true, zalo: true })).body).toMatchObject({ code: 'validation-failed', errors: [expect.objectContaining({ field: 'zaloPhone' })] });
    await deliver('DossierReceived', dossierReceived(code), 'prefs-1');
    await deliver('DossierStatusChanged', statusChanged(code, 'refuse', { status: 'refused' }, 'Hồ sơ không thuộc thẩm quyền giải quyết'), 'prefs-2', 2);
    await eventually(async () => (emailsTo('binh@example.vn').length === 2 && smsTo('0987000102').length === 1 ? true : undefined), 15000, 'the email and the required SMS');
    expect(smsTo('0987000102')[0].body.text).toBe('Ho so 000.00.01.H56-260316-0102 khong duoc giai quyet. Ly do: Ho so khong thuoc tham quyen giai quyet');

    const company = '000.00.01.H56-260316-0103';
    contacts.set(company, contact(company, { kind: 'organisation', name: 'Công ty TNHH ABC', idNumber: '0101234567', phone: '0987000103', email: 'ketoan@abc.vn' }));
    const reception = await service.tokenFor(CENTRE_RECEPTION);
    expect((await api('PUT', '/notification-preferences/organisations/0101234567', reception, { email: 'vanthu@abc.vn' })).body).toMatchObject({ idNumber: '0101234567', email: 'vanthu@abc.vn' });
    expect((await api('PUT', '/notification-preferences/organisations/not-a-tax-code', reception, { email: 'vanthu@abc.vn' })).body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'idNumber' }] });
    await deliver('DossierReceived', dossierReceived(company), 'prefs-3');
    await eventually(async () => (emailsTo('vanthu@abc.vn').length === 1 ? true : undefined), 15000, 'the organisation\'s email');
    expect(emailsTo('ketoan@abc.vn')).toHaveLength(0);
  });

  it('keeps SMS and Zalo for after the quiet hours, unless a payment lapses before then', async () => {
    const code = '000.00.01.H56-260316-0104';
    contacts.set(code, contact(code, { phone: '0987000104', email: 'dem@example.vn' }));
    clock.set('2026-03-16T22:00:00+07:00');
    try {
      await deliver('DossierReceived', dossierReceived(code), 'quiet-1');
      await eventually(async () => (emailsTo('dem@example.vn').length === 1 ? true : undefined), 15000, 'the email at night');
      await deliver('PaymentRequested', paymentRequested(code, '2026-03-16T23:30:00+07:00'), 'quiet-2');
      await eventually(async () => (smsTo('0987000104').length === 1 ? true : undefined), 15000, 'the urgent SMS');
      expect(smsTo('0987000104')[0].body.text).toContain('Han nop: 23:30 16/03/2026');
      const waiting = (await messagesOf(code)).find((m) => m.kind === 'dossier_received' && m.channel === 'sms')!;
      expect(waiting).toMatchObject({ status: 'pending', notBefore: '2026-03-17T07:00:00+07:00' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smsTo('0987000104')).toHaveLength(1);
      clock.set('2026-03-17T07:00:00+07:00');
      await eventually(async () => (smsTo('0987000104').length === 2 ? true : undefined), 15000, 'the SMS at 07:00');
    } finally {
      clock.set(MONDAY_10AM);
    }
  });

  it('marks a message failed with the provider\'s answer once refused or past the attempts, and sends it again when an administrator asks', async () => {
    const code = '000.00.01.H56-260316-0105';
    contacts.set(code, contact(code, { phone: '0987000105', email: 'wrong@example.vn' }));
    smtp.refuse.add('wrong@example.vn');
    sms.failNext.count = 1000;
    await deliver('DossierReceived', dossierReceived(code), 'failed-1');
    const failed = await eventually(async () => {
      const list = await messagesOf(code);
      return list.length === 2 && list.every((m) => m.status === 'failed') ? list : undefined;
    }, 20000, 'both messages failed');
    const email = failed.find((m) => m.channel === 'email')!;
    const text = failed.find((m) => m.channel === 'sms')!;
    expect(email).toMatchObject({ attempts: 1, recipient: 'w***@example.vn', lastError: expect.stringContaining('550') });
    expect(text).toMatchObject({ attempts: 3, lastError: expect.stringContaining('503') });
    expect(((await api('GET', '/notification-messages?status=failed', admin)).body.items as Array<{ id: string }>).map((m) => m.id)).toEqual(expect.arrayContaining([email.id, text.id]));

    sms.failNext.count = 0;
    smtp.refuse.delete('wrong@example.vn');
    expect((await api('POST', `/notification-messages/${text.id}/resend`, admin)).body).toMatchObject({ status: 'pending', resends: 1 });
    expect((await api('POST', `/notification-messages/${email.id}/resend`, admin)).body).toMatchObject({ status: 'pending', resends: 1 });
    await eventually(async () => (smsTo('0987000105').length === 1 && emailsTo('wrong@example.vn').length === 1 ? true : undefined), 15000, 'the resent messages');
    expect((await api('POST', `/notification-messages/${text.id}/resend`, admin)).body).toMatchObject({ status: 409, code: 'message-not-failed' });
    expect((await api('POST', `/notification-messages/00000000-0000-4000-8000-000000000000/resend`, admin)).status).toBe(404);
  });

  it('records the providers\' signed delivery receipts', async () => {
    const code = '000.00.01.H56-260316-0106';
    contacts.set(code, contact(code, { phone: '0987000106', email: null }));
    await deliver('DossierReceived', dossierReceived(code), 'receipt-1');
    const sent = await eventually(async () => (await messagesOf(code)).find((m) => m.status === 'sent'), 15000, 'the SMS sent');
    const post = (body: string, signature?: string) =>
      fetch(`${service.url}/api/v1/provider-receipts/sms`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-provider-signature': signature } : {}) }, body });
    const receipt = signedReceipt({ messageId: sent.providerMessageId, status: 'delivered', at: '2026-03-16T10:00:05+07:00' }, RECEIPT_SECRET);
    expect((await post(receipt.body)).status).toBe(401);
    expect((await post(receipt.body, signedReceipt({}, 'another-secret-of-length').signature)).status).toBe(401);
    expect(await (await post(receipt.body, receipt.signature)).json()).toEqual({ recorded: true });
    expect(await (await post(receipt.body, receipt.signature)).json()).toEqual({ recorded: false });
    const read = (await api('GET', `/notification-messages/${sent.id}`, admin)).body;
    expect(read).toMatchObject({ status: 'delivered', deliveredAt: '2026-03-16T10:00:05+07:00', receipts: [{ status: 'delivered', at: '2026-03-16T10:00:05+07:00', reason: null }] });
    const unknown = signedReceipt({ messageId: 'SMS-404', status: 'failed', at: '2026-03-16T10:00:05+07:00' }, RECEIPT_SECRET);
    expect((await post(unknown.body, unknown.signature)).status).toBe(404);
  });

  it('lets an administrator edit a template, refusing an unknown placeholder and an SMS over two segments', async () => {
    const unknown = await api('PUT', '/notification-templates/dossier_received/sms', admin, { body: 'Ho so {{dossierCode}}, buu gui {{trackingNumber}}' });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'unknown-placeholder', placeholders: ['trackingNumber'], errors: [{ field: 'body', reason: expect.stringContaining('{{trackingNumber}}') }] } });
    const long = await api('PUT', '/notification-templates/dossier_received/sms', admin, { body: `Ho so {{dossierCode}} ${'rat dai '.repeat(40)}` });
    expect(long).toMatchObject({ status: 422, body: { code: 'sms-too-long', segments: 3, errors: [{ field: 'body' }] } });
    expect((await api('PUT', '/notification-templates/dossier_received/email', admin, { body: 'Hồ sơ {{dossierCode}}' })).body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'subject' }] });
    expect((await api('PUT', '/notification-templates/dossier_received/fax', admin, { body: 'x' })).status).toBe(404);

    const saved = await api('PUT', '/notification-templates/dossier_received/sms', admin, { body: 'Đã nhận hồ sơ {{dossierCode}}, mã tra cứu {{lookupCode}}.' });
    expect(saved).toMatchObject({ status: 200, body: { edited: true, updatedBy: ADMIN.subject, sms: { encoding: 'ucs2', segments: 1, diacriticsRemoved: false } } });
    const code = '000.00.01.H56-260316-0107';
    contacts.set(code, contact(code, { phone: '0987000107', email: null }));
    await deliver('DossierReceived', dossierReceived(code), 'template-1');
    await eventually(async () => (smsTo('0987000107').length === 1 ? true : undefined), 15000, 'the SMS with the edited wording');
    expect(smsTo('0987000107')[0].body).toMatchObject({ text: `Đã nhận hồ sơ ${code}, mã tra cứu Q7MK3XHP9T2D.`, encoding: 'ucs2' });

    const reset = await api('DELETE', '/notification-templates/dossier_received/sms', admin);
    expect(reset.body).toMatchObject({ edited: false, sms: { encoding: 'gsm7', segments: 1 } });
    const list = await api('GET', '/notification-templates?limit=200', admin);
    expect(list.body.items).toHaveLength(10 * 3 + 7);
    expect(list.body.nextCursor).toBeNull();
  });

  it('lets an officer list, count and mark their notices, and follow new ones live', async () => {
    const code = '000.00.01.H56-260316-0108';
    const leader = { subject: 'leader.live', roles: ['leader' as const], agencyCodes: [DEPARTMENT], name: 'Phạm Văn Dũng' };
    holders.set(code, { dossierCode: code, agencyCode: DEPARTMENT, assignee: null, officers: [leader.subject] });
    const token = await service.tokenFor(leader);
    expect((await fetch(`${service.url}/api/v1/notifications/stream`, { headers: { authorization: token } })).status).toBe(406);

    const controller = new AbortController();
    const stream = await fetch(`${service.url}/api/v1/notifications/stream`, { headers: { authorization: token, accept: 'text/event-stream' }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.getReader();
    let seen = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${seen}`);
        seen += new TextDecoder().decode(value);
      }
    };
    await readUntil(/retry: 3000/);
    await deliver('DossierStatusChanged', statusChanged(code, 'appraise'), 'live-1', 2);
    await readUntil(/event: notice\ndata: .*\n\n/);
    const data = JSON.parse(/event: notice\ndata: (.*)\n/.exec(seen)![1]) as Record<string, string>;
    expect(data).toMatchObject({ kind: 'case_arrived', dossierCode: code, title: `Hồ sơ ${code} chuyển đến đơn vị` });
    // A keep-alive comment comes while nothing happens.
    await readUntil(/: keep-alive/);
    controller.abort();

    await deliver('FeePaid', { dossierCode: code, agencyCode: SERVICE_CENTRE, billId: 'b', paymentId: 'p', amountVnd: 135000, channel: 'online', method: 'paygov', paidAt: MONDAY_10AM, receipt: null, resumesClock: false, duplicate: false }, 'live-2');
    expect((await api('GET', '/notifications/unread-count', token)).body).toEqual({ unread: 2 });
    const page = await api('GET', '/notifications?limit=1', token);
    expect(page.body.items).toEqual([expect.objectContaining({ kind: 'payment_received', body: `Người nộp đã nộp 135.000 đồng cho hồ sơ ${code}.` })]);
    const second = await api('GET', `/notifications?limit=1&cursor=${page.body.nextCursor}`, token);
    expect(second.body).toMatchObject({ items: [{ id: data.id }], nextCursor: null });
    expect((await api('POST', `/notifications/${data.id}/read`, token, {})).body).toMatchObject({ id: data.id, readAt: '2026-03-16T10:00:00+07:00' });
    expect((await api('GET', '/notifications?unread=true', token)).body.items).toHaveLength(1);
    const specialist = await service.tokenFor(DEPARTMENT_SPECIALIST);
    expect((await api('POST', `/notifications/${data.id}/read`, specialist, {})).status).toBe(404);
    expect((await api('POST', '/notifications/read', token, {})).body).toEqual({ marked: 1, unread: 0 });
    expect((await api('GET', '/notifications?cursor=bm90LW91cnM', token)).body).toMatchObject({ status: 400, code: 'invalid-cursor' });
  });

  it('tells whoever holds a case that it is at risk, overdue or past its step\'s share, once per mark', async () => {
    const code = '000.00.01.H56-260316-0109';
    const assignee = { subject: 'specialist.late', roles: ['specialist' as const], agencyCodes: [DEPARTMENT], name: 'Lê Thị Hoa' };
    const colleague = { subject: 'specialist.other', roles: ['specialist' as const], agencyCodes: [DEPARTMENT], name: 'Trần Văn Bình' };
    holders.set(code, { dossierCode: code, agencyCode: DEPARTMENT, assignee: assignee.subject, officers: [assignee.subject, colleague.subject] });
    const marked = (mark: string, dueAt: string) => ({ dossierCode: code, mark, agencyCode: DEPARTMENT, stepKind: 'appraise', dueAt, markedAt: MONDAY_10AM });
    await deliver('CaseLatenessMarked', marked('at_risk', '2026-03-17T09:00:00Z'), 'late-1');
    // Redelivered by the relay: still one notice.
    await deliver('CaseLatenessMarked', marked('at_risk', '2026-03-17T09:00:00Z'), 'late-1');
    await deliver('CaseLatenessMarked', marked('step_overdue', '2026-03-17T03:00:00Z'), 'late-2');
    const mine = await api('GET', '/notifications', await service.tokenFor(assignee));
    expect(mine.body.items.map((n: { kind: string; title: string; body: string }) => ({ kind: n.kind, title: n.title, body: n.body }))).toEqual([
      { kind: 'case_step_overdue', title: `Hồ sơ ${code} quá hạn ở bước đang xử lý`, body: `Bước đang xử lý hồ sơ ${code} tại ${DEPARTMENT} đã quá thời hạn của bước (10:00 17/03/2026).` },
      { kind: 'case_at_risk', title: `Hồ sơ ${code} sắp đến hạn`, body: `Hồ sơ ${code} tại ${DEPARTMENT} sắp đến hạn giải quyết (16:00 17/03/2026).` },
    ]);
    // Held by the assignee: the rest of the unit is not disturbed; once unassigned, the unit is told.
    expect((await api('GET', '/notifications', await service.tokenFor(colleague))).body.items).toEqual([]);
    holders.set(code, { dossierCode: code, agencyCode: DEPARTMENT, assignee: null, officers: [assignee.subject, colleague.subject] });
    await deliver('CaseLatenessMarked', marked('overdue', '2026-03-18T03:00:00Z'), 'late-3');
    expect((await api('GET', '/notifications', await service.tokenFor(colleague))).body.items).toEqual([
      expect.objectContaining({ kind: 'case_overdue', dossierCode: code, title: `Hồ sơ ${code} đã quá hạn` }),
    ]);
  });

  it('keeps a message\'s text only for the retention, then only its status', async () => {
    const code = '000.00.01.H56-260316-0109';
    contacts.set(code, contact(code, { phone: '0987000109', email: 'old@example.vn' }));
    smtp.refuse.add('old@example.vn');
    await deliver('DossierReceived', dossierReceived(code), 'retention-1');
    const failed = await eventually(async () => (await messagesOf(code)).find((m) => m.channel === 'email' && m.status === 'failed'), 15000, 'the refused email');
    clock.advance(31 * 86_400_000);
    try {
      await service.app.get(MessageRetention).purge();
      const messages = await messagesOf(code);
      expect(messages.map((m) => [m.channel, m.status, m.body, m.subject])).toEqual(expect.arrayContaining([['sms', 'sent', null, null], ['email', 'failed', null, null]]));
      expect(messages.every((m) => m.purgedAt !== null)).toBe(true);
      expect((await api('POST', `/notification-messages/${failed.id}/resend`, admin)).body).toMatchObject({ status: 409, code: 'message-purged' });
    } finally {
      clock.set(MONDAY_10AM);
      smtp.refuse.delete('old@example.vn');
    }
  });

  it('tells of a result by post when the post takes it and when it is delivered, and gives an electronic result\'s link', async () => {
    const byPost = '000.00.01.H56-260316-0111';
    contacts.set(byPost, { ...contact(byPost, { phone: '0987000111', email: null }), resultDelivery: 'post' });
    await deliver('ResultReady', { dossierCode: byPost, agencyCode: SERVICE_CENTRE, deliveryMethod: 'post', resultKind: 'paper', documentNumber: '9/GP', readyAt: MONDAY_10AM }, 'post-1');
    const shipment = { shipmentId: '00000000-0000-4000-8000-000000000111', kind: 'result_delivery', dossierCode: byPost, agencyCode: SERVICE_CENTRE, carrier: 'vnpost', trackingNumber: 'EV123456789VN', failedAttempts: 0, reasonCode: null, reason: null, postageVnd: 25000, codVnd: 25000, at: MONDAY_10AM };
    await deliver('ShipmentStatusChanged', { ...shipment, previousStatus: 'awaiting_carrier', status: 'registered', sequence: 2 }, 'post-2');
    await deliver('ShipmentStatusChanged', { ...shipment, previousStatus: 'registered', status: 'collected', sequence: 3 }, 'post-3');
    await deliver('ShipmentStatusChanged', { ...shipment, previousStatus: 'in_transit', status: 'delivered', sequence: 5 }, 'post-4');
    await eventually(async () => (smsTo('0987000111').length === 2 ? true : undefined), 15000, 'the two postal SMS');
    expect(smsTo('0987000111').map((r) => r.body.text).sort()).toEqual([
      'Ket qua ho so 000.00.01.H56-260316-0111 (buu gui EV123456789VN) da duoc phat thanh cong.',
      'Ket qua ho so 000.00.01.H56-260316-0111 da gui qua buu chinh, so hieu EV123456789VN.',
    ]);

    const electronic = '000.00.01.H56-260316-0112';
    contacts.set(electronic, { ...contact(electronic, { phone: '0987000112', email: 'dientu@example.vn' }), resultDelivery: 'online' });
    await deliver('ResultReady', { dossierCode: electronic, agencyCode: SERVICE_CENTRE, deliveryMethod: 'online', resultKind: 'electronic', documentNumber: '10/GP', readyAt: MONDAY_10AM }, 'electronic-1');
    await eventually(async () => (emailsTo('dientu@example.vn').length === 1 ? true : undefined), 15000, 'the result email');
    expect(emailsTo('dientu@example.vn')[0].parsed.text).toContain(`Mời Ông/Bà nhận kết quả trực tuyến trên Cổng dịch vụ công. http://localhost:3000/api/v1/dossiers/${electronic}/result?secret=Q7MK3XHP9T2D`);
  });

  it('sends each message once with a second replica on the same database, an event redelivered to either', async () => {
    const port = await freePort();
    const replica = await startTestService(NotificationModule, {
      service: 'notification',
      port,
      env: {
        ...testSettings(),
        ...providerSettings(smtp.url, sms.url, zalo.url, RECEIPT_SECRET),
        DATABASE_URL: service.databaseUrl,
        SERVICE_TOKEN: service.serviceToken,
        PORT: String(port),
        // The second replica only sends here: the events go to the first, which asks the fakes.
        CATALOG_URL: 'http://127.0.0.1:9',
        INTAKE_URL: 'http://127.0.0.1:9',
        WORKFLOW_URL: 'http://127.0.0.1:9',
        NOTIFICATION_URL: `http://127.0.0.1:${port}`,
      },
      overrides: [{ token: Clock, value: clock }],
    });
    try {
      const codes = Array.from({ length: 20 }, (_, i) => `000.00.01.H56-260316-02${String(i).padStart(2, '0')}`);
      const before = sms.requests.length;
      for (const [i, code] of codes.entries()) {
        contacts.set(code, contact(code, { phone: `09880002${String(i).padStart(2, '0')}`, email: null }));
        await deliver('DossierReceived', dossierReceived(code), `replicas-${i}`);
      }
      await eventually(async () => (codes.every((_, i) => smsTo(`09880002${String(i).padStart(2, '0')}`).length === 1) ? true : undefined), 20000, 'one SMS per dossier');
      // The replica takes the same event again: already applied, nothing new.
      const again = await fetch(`http://127.0.0.1:${port}/internal/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-token': service.serviceToken },
        body: JSON.stringify({ id: eventIds.get('replicas-0'), type: 'DossierReceived', version: 1, source: 'intake', occurredAt: new Date().toISOString(), payload: dossierReceived(codes[0]) }),
      });
      expect(again.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Both dispatchers ran; no message was sent twice, not even as a repeated request.
      expect(sms.requests.length - before).toBe(codes.length);
      expect((await messagesOf(codes[0])).map((m) => m.status)).toEqual(['sent']);
    } finally {
      await replica.close();
    }
  });

  it('tells a complainant their complaint was answered, and drops what intake does not know', async () => {
    const id = '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f';
    complaints.set(id, { complaintId: id, dossierCode: null, subject: 'Hồ sơ quá hạn', complainant: { name: 'Lê Văn Tám', phone: '0987000110', email: null }, ownerSubject: null });
    await deliver('ComplaintAnswered', { complaintId: id, agencyCode: SERVICE_CENTRE, dossierCode: null, answeredAt: MONDAY_10AM }, 'complaint-1');
    await eventually(async () => (smsTo('0987000110').length === 1 ? true : undefined), 15000, 'the complainant\'s SMS');
    expect(smsTo('0987000110')[0].body.text).toBe('Phan anh, kien nghi cua Ong/Ba ve "Ho so qua han" da duoc tra loi. Xem tai Cong dich vu cong.');
    // A dossier intake does not know: acknowledged, nothing sent.
    await deliver('DossierReceived', dossierReceived('000.00.01.H56-260316-0999'), 'unknown-1');
    expect(await messagesOf('000.00.01.H56-260316-0999')).toEqual([]);
  });
});
