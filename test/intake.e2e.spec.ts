import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, binary, counterDossier, DEPARTMENT, decision, MONDAY_10AM, OTHER_AGENCY, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

/** The applicant with an email, which the receipt and the notices use. */
const applicant = (overrides: Record<string, unknown> = {}) => ({ ...APPLICANT, email: 'an.nguyen@example.vn', ...overrides });

const dossierBody = (overrides: Record<string, unknown> = {}) =>
  counterDossier('1.006101', { applicant: applicant(), documents: [{ requirement: 1 }, { requirement: 2, quantity: 1 }], ...overrides });

describe('dossier intake', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  const count = async (sql: string, params: unknown[] = []) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql, params))[0].n;
  let reception: string;
  let departmentReception: string;
  let otherReception: string;
  let citizen: string;
  let otherCitizen: string;
  let postal: string;

  const submit = (auth: string, body: object) => api().post('/api/v1/dossiers').set('authorization', auth).send(body);
  /** A withdrawal, sent again while processing is still opening the dossier's case (409 case-opening). */
  const withdraw = (auth: string, code: string, body: object) =>
    eventually(async () => {
      const response = await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', auth).send(body);
      return response.status === 409 && response.body.code === 'case-opening' ? undefined : response;
    }, 10000, `the case of ${code} to open`);
  /** Workflow's status change: of version 1 (as stored before steps carried their action), or of version 2 with the step's action. */
  const statusEvent = (dossierCode: string, status: string, nationalStatusCode: number, sequence: number, appointmentAt = '2026-03-30T10:00:00+07:00', content = `Trạng thái ${status}`, action?: string) =>
    request(stack.urlOf('intake'))
      .post('/internal/events')
      .set('x-service-token', stack.serviceToken)
      .send({
        id: randomUUID(),
        type: 'DossierStatusChanged',
        version: action ? 2 : 1,
        source: 'workflow',
        occurredAt: new Date().toISOString(),
        payload: {
          dossierCode, status, nationalStatusCode, at: clock.now().toISOString(), content, appointmentAt, dueAt: appointmentAt, sequence,
          ...(action
            ? { step: { action, unit: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' }, officer: { name: 'Trần Thị Bình', title: 'Chuyên viên' }, startedAt: null, statutoryEndAt: null, note: null } }
            : { unitCode: DEPARTMENT, unitName: 'Sở Giao thông vận tải', officerName: 'Trần Thị Bình', officerTitle: 'Chuyên viên' }),
        },
      })
      .expect(200);

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    const admin = (path: string, body: object) => api().post(path).set('authorization', stack.adminAuth).send(body).expect(201);
    await admin('/api/v1/agencies', { code: OTHER_AGENCY, name: 'Sở Nội vụ', levelCode: 'province', parentCode: '000.00.00.H56' });
    await admin('/api/v1/procedures', publishBody('1.006101'));
    await admin('/api/v1/procedures', publishBody('1.006102', { name: 'Cấp bản sao trích lục', onlineLevel: 2, onlineMode: 'none', acceptsDossierByPost: false, deliversResultByPost: false }));
    await admin('/api/v1/procedures', publishBody('1.006103', { name: 'Đổi giấy phép lái xe', onlineOnlyListed: true, receivingAgencyCodes: [DEPARTMENT], onTheSpotEligible: true }));
    await admin('/api/v1/procedures', publishBody('1.006104', { name: 'Thủ tục đã bãi bỏ' }));
    await admin('/api/v1/procedures/1.006104/abolition', { decision: decision('9/QĐ-UBND', '2026-02-01', '2026-02-10') });
    reception = await stack.tokenFor({ subject: 'officer-centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' });
    departmentReception = await stack.tokenFor({ subject: 'officer-department', roles: ['reception'], agencyCodes: [DEPARTMENT] });
    otherReception = await stack.tokenFor({ subject: 'officer-other', roles: ['reception'], agencyCodes: [OTHER_AGENCY] });
    citizen = await stack.tokenFor({ subject: 'citizen-an', roles: ['citizen'], name: 'Nguyễn Văn An' });
    otherCitizen = await stack.tokenFor({ subject: 'citizen-binh', roles: ['citizen'] });
    postal = await stack.tokenFor({ subject: 'vnpost-ha-nam', roles: ['postal'] });
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  describe('reception at the counter', () => {
    it('receives a complete dossier: code, lookup code, appointment from the calendar, and DossierReceived', async () => {
      const response = await submit(reception, dossierBody()).expect(201);
      const dossier = response.body;
      expect(dossier.code).toMatch(/^000\.00\.01\.H56-260316-\d{4}$/);
      expect(response.headers.location).toBe(`/api/v1/dossiers/${dossier.code}`);
      expect(dossier.lookupSecret).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(dossier).toMatchObject({
        procedure: { code: '1.006101', versionNo: 1, name: 'Cấp giấy phép lái xe' },
        agency: { code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh' },
        channel: 'counter',
        nationalChannelCode: 1,
        receivedAt: MONDAY_10AM,
        countingFrom: MONDAY_10AM,
        // 10 working days from Monday 10:00: two weeks later.
        appointmentAt: '2026-03-30T10:00:00+07:00',
        processingMinutes: 4800,
        status: 'accepted',
        nationalStatusCode: 2,
        documents: [
          { requirement: 1, name: 'Đơn đề nghị cấp giấy phép lái xe', quantity: 1, form: 'original' },
          { requirement: 2, name: 'Giấy khám sức khỏe', quantity: 1, form: 'original' },
        ],
      });
      const [event] = await queryDatabase<{ payload: Record<string, unknown> }>(stack.databaseUrl, `SELECT payload FROM intake.outbox_events WHERE type = 'DossierReceived' AND payload->>'dossierCode' = $1`, [dossier.code]);
      expect(event.payload).toMatchObject({
        procedureCode: '1.006101',
        procedureVersionNo: 1,
        receivingAgencyCode: SERVICE_CENTRE,
        competentAgencyCode: DEPARTMENT,
        fieldCode: 'GT-DB',
        levelCode: 'province',
        channel: 'counter',
        resultDelivery: 'counter',
        onTheSpot: false,
        feesPaidOnline: false,
        processingMinutes: 4800,
      });
      expect(JSON.stringify(event.payload)).not.toContain('Nguyễn Văn An');
      expect((event.payload.steps as unknown[]).length).toBe(4);
    });

    it('counts a receipt after office hours from the next working morning', async () => {
      clock.set('2026-03-16T17:45:00+07:00');
      const dossier = (await submit(reception, dossierBody()).expect(201)).body;
      expect(dossier.countingFrom).toBe('2026-03-17T07:00:00+07:00');
      expect(dossier.appointmentAt).toBe('2026-03-30T17:00:00+07:00');
    });

    it('refuses, with the field and a stable code, what reception must refuse, and writes nothing', async () => {
      const before = await count('SELECT count(*)::int AS n FROM intake.dossiers');
      const eventsBefore = await count('SELECT count(*)::int AS n FROM intake.outbox_events');
      const cases: Array<[object, string, string]> = [
        [dossierBody({ procedureCode: '1.999999' }), 'unknown-procedure', 'procedureCode'],
        [dossierBody({ procedureCode: '1.006104' }), 'procedure-abolished', 'procedureCode'],
        [dossierBody({ agencyCode: OTHER_AGENCY }), 'agency-not-permitted', ''],
        [dossierBody({ procedureCode: '1.006103' }), 'agency-does-not-receive', 'agencyCode'],
        [dossierBody({ procedureCode: '1.006102', resultDelivery: { method: 'post', address: applicant().address } }), 'delivery-not-offered', 'resultDelivery.method'],
        [dossierBody({ documents: [{ requirement: 1 }, { requirement: 7 }] }), 'unknown-document', 'documents[1].requirement'],
      ];
      for (const [body, code, field] of cases) {
        const response = await submit(reception, body);
        expect({ code: response.body.code, status: response.status }).toEqual({ code, status: code === 'agency-not-permitted' ? 403 : 422 });
        expect(response.headers['content-type']).toContain('application/problem+json');
        if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await count('SELECT count(*)::int AS n FROM intake.dossiers')).toBe(before);
      expect(await count('SELECT count(*)::int AS n FROM intake.outbox_events')).toBe(eventsBefore);
    });

    it('does not receive a dossier missing required documents, and lists them for the supplement request (form 02)', async () => {
      const response = await submit(reception, dossierBody({ documents: [{ requirement: 1 }] })).expect(422);
      expect(response.body.code).toBe('documents-missing');
      expect(response.body.missingDocuments).toEqual([{ requirement: 2, name: 'Giấy khám sức khỏe', form: 'original', quantity: 1 }]);
      expect(response.body.errors[0].field).toBe('documents');
    });

    it('checks a dossier without receiving it, and prints the supplement request (form 02) or the refusal (form 03)', async () => {
      const before = await count('SELECT count(*)::int AS n FROM intake.dossiers');
      const incomplete = await api().post('/api/v1/dossiers/checks').set('authorization', reception).send(dossierBody({ documents: [{ requirement: 1 }] })).expect(200);
      expect(incomplete.body).toMatchObject({ receivable: false, form: '02', refusals: [], missingDocuments: [{ requirement: 2, name: 'Giấy khám sức khỏe' }] });
      const refused = await api().post('/api/v1/dossiers/checks').set('authorization', reception).send(dossierBody({ procedureCode: '1.006103' })).expect(200);
      expect(refused.body).toMatchObject({ receivable: false, form: '03', refusals: [{ code: 'agency-does-not-receive', field: 'agencyCode' }] });
      const fine = await api().post('/api/v1/dossiers/checks').set('authorization', reception).send(dossierBody()).expect(200);
      expect(fine.body).toMatchObject({ receivable: true, form: null });
      const pdf = await api().post('/api/v1/dossiers/checks').set('authorization', reception).set('accept', 'application/pdf').send(dossierBody({ documents: [] })).buffer(true).parse(binary).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const nothing = await api().post('/api/v1/dossiers/checks').set('authorization', reception).set('accept', 'application/pdf').send(dossierBody()).expect(409);
      expect(nothing.body.code).toBe('dossier-receivable');
      expect(await count('SELECT count(*)::int AS n FROM intake.dossiers')).toBe(before);
    });

    it('refuses bad input with every field named', async () => {
      const response = await submit(reception, {
        ...dossierBody(),
        applicant: applicant({ idNumber: '123', phone: 'call me', email: 'nope' }),
        resultDelivery: { method: 'post' },
        extra: true,
      }).expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['applicant.idNumber', 'applicant.phone', 'applicant.email', 'resultDelivery.address', 'extra']));
      const organisation = await submit(reception, dossierBody({ applicant: applicant({ kind: 'organisation', idNumber: '035090001234' }) })).expect(400);
      expect(organisation.body.errors[0]).toMatchObject({ field: 'applicant.idNumber', reason: expect.stringContaining('tax code') });
      const { applicant: _applicant, resultDelivery: _delivery, ...withoutNested } = dossierBody();
      const missing = await submit(reception, withoutNested).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['applicant', 'resultDelivery']);
      const notPost = await submit(reception, dossierBody({ receivedAt: '2026-03-15T10:00:00+07:00' })).expect(400);
      expect(notPost.body.errors[0].field).toBe('receivedAt');
    });
  });

  describe('channels', () => {
    it('lets a citizen submit online a level 3-4 service, not a level 2 one, and not at the counter', async () => {
      const online = await submit(citizen, dossierBody({ channel: 'online', resultDelivery: { method: 'online' }, feesPaidOnline: true })).expect(201);
      expect(online.body).toMatchObject({ channel: 'online', nationalChannelCode: 2, feesPaidOnline: true });
      const level2 = await submit(citizen, dossierBody({ channel: 'online', procedureCode: '1.006102' })).expect(422);
      expect(level2.body).toMatchObject({ code: 'channel-not-allowed', errors: [{ field: 'channel' }] });
      const counter = await submit(citizen, dossierBody()).expect(403);
      expect(counter.body.code).toBe('channel-not-permitted');
    });

    it('records a dossier handed over by the postal worker at the hand-over time', async () => {
      const handedOver = '2026-03-13T15:20:00+07:00';
      const post = await submit(postal, dossierBody({ channel: 'post', receivedAt: handedOver, resultDelivery: { method: 'post', address: applicant().address } })).expect(201);
      expect(post.body).toMatchObject({ channel: 'post', nationalChannelCode: 3, receivedAt: handedOver });
      expect(post.body.code).toMatch(/-260313-\d{4}$/);
      const future = await submit(postal, dossierBody({ channel: 'post', receivedAt: '2026-03-17T10:00:00+07:00' })).expect(422);
      expect(future.body).toMatchObject({ code: 'invalid-handover-time', errors: [{ field: 'receivedAt' }] });
      const notByPost = await submit(postal, dossierBody({ channel: 'post', procedureCode: '1.006102' })).expect(422);
      expect(notByPost.body.code).toBe('channel-not-allowed');
    });

    it('refuses a listed procedure at the counter on the agency\'s online-only day, and sends the officer to help online', async () => {
      clock.set('2026-03-17T09:00:00+07:00'); // Tuesday: the department's online-only weekdays are Tuesday and Thursday
      const body = dossierBody({ procedureCode: '1.006103', agencyCode: DEPARTMENT });
      const refused = await submit(departmentReception, body).expect(422);
      expect(refused.body).toMatchObject({ code: 'online-only-day', errors: [{ field: 'channel' }] });
      expect(refused.body.detail).toContain('submit it online');
      await submit(citizen, { ...body, channel: 'online' }).expect(201);
      clock.set('2026-03-18T09:00:00+07:00'); // Wednesday
      const wednesday = await submit(departmentReception, body).expect(201);
      expect(wednesday.body.onTheSpot).toBe(true);
    });
  });

  describe('dossier codes and retries', () => {
    it('never hands out a code twice, even to many submissions at once', async () => {
      clock.set('2026-03-19T08:00:00+07:00');
      const responses = await Promise.all(Array.from({ length: 30 }, () => submit(reception, dossierBody())));
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
      const codes = responses.map((r) => r.body.code as string);
      expect(new Set(codes).size).toBe(30);
      expect(codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it('answers a retried submission with the same dossier and creates nothing; a reused key with another body is a 409', async () => {
      const key = randomUUID();
      const first = await submit(reception, dossierBody()).set('idempotency-key', key).expect(201);
      const again = await submit(reception, dossierBody()).set('idempotency-key', key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.code).toBe(first.body.code);
      expect(await count(`SELECT count(*)::int AS n FROM intake.outbox_events WHERE payload->>'dossierCode' = $1`, [first.body.code])).toBe(1);
      const other = await submit(reception, dossierBody({ resultDelivery: { method: 'online' } })).set('idempotency-key', key).expect(409);
      expect(other.body.code).toBe('idempotency-key-reused');
      // Past IDEMPOTENCY_KEY_HOURS (24) the key, and the answer it kept with the applicant's data, are forgotten: the same key is a new submission.
      clock.set(new Date(clock.now().getTime() + 25 * 3_600_000).toISOString());
      const later = await submit(reception, dossierBody()).set('idempotency-key', key).expect(201);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect(later.body.code).not.toBe(first.body.code);
    });

    it('runs concurrent retries of one submission once', async () => {
      const key = randomUUID();
      const responses = await Promise.all(Array.from({ length: 5 }, () => submit(reception, dossierBody({ applicant: applicant({ name: 'Phạm Thị Dung' }) })).set('idempotency-key', key)));
      expect(new Set(responses.map((r) => r.body.code)).size).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM intake.dossiers WHERE applicant_name = 'Phạm Thị Dung'`)).toBe(1);
    });
  });

  describe('reading', () => {
    let counterCode: string;
    let counterSecret: string;
    let onlineCode: string;

    beforeAll(async () => {
      clock.set('2026-03-20T09:00:00+07:00');
      const counter = (await submit(reception, dossierBody({ applicant: applicant({ name: 'Hoàng Thị Lụa' }) })).expect(201)).body;
      counterCode = counter.code;
      counterSecret = counter.lookupSecret;
      onlineCode = (await submit(citizen, dossierBody({ channel: 'online', applicant: applicant({ name: 'Võ Minh Đức' }) })).expect(201)).body.code;
    });

    it('shows a dossier to its applicant and the officers of its agencies, and to nobody else', async () => {
      await api().get(`/api/v1/dossiers/${onlineCode}`).set('authorization', citizen).expect(200);
      await api().get(`/api/v1/dossiers/${onlineCode}`).set('authorization', reception).expect(200);
      await api().get(`/api/v1/dossiers/${onlineCode}`).set('authorization', departmentReception).expect(200); // the competent agency
      expect((await api().get(`/api/v1/dossiers/${onlineCode}`).set('authorization', otherCitizen).expect(404)).body.code).toBe('dossier-not-found');
      await api().get(`/api/v1/dossiers/${onlineCode}`).set('authorization', otherReception).expect(404);
      await api().get(`/api/v1/dossiers/${onlineCode}`).expect(401);
    });

    it('lists dossiers for officers by name without diacritics, by channel, and citizens only their own', async () => {
      const byName = await api().get('/api/v1/dossiers?q=hoang%20thi%20lua').set('authorization', reception).expect(200);
      expect(byName.body.items.map((d: { code: string }) => d.code)).toEqual([counterCode]);
      const byCode = await api().get(`/api/v1/dossiers?q=${counterCode}`).set('authorization', reception).expect(200);
      expect(byCode.body.items.map((d: { code: string }) => d.code)).toEqual([counterCode]);
      const online = await api().get('/api/v1/dossiers?channel=online&limit=200').set('authorization', reception).expect(200);
      expect(online.body.items.every((d: { channel: string }) => d.channel === 'online')).toBe(true);
      const own = await api().get('/api/v1/dossiers?limit=200').set('authorization', citizen).expect(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((d: { channel: string }) => d.channel === 'online')).toBe(true);
      expect((await api().get('/api/v1/dossiers').set('authorization', otherCitizen).expect(200)).body.items).toEqual([]);
      await api().get(`/api/v1/dossiers?agencyCode=${OTHER_AGENCY}`).set('authorization', reception).expect(403);
    });

    it('pages through an agency\'s dossiers without gaps or repeats', async () => {
      const all = await api().get('/api/v1/dossiers?limit=200').set('authorization', reception).expect(200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await api().get('/api/v1/dossiers').query({ limit: 7, ...(cursor ? { cursor } : {}) }).set('authorization', reception).expect(200);
        seen.push(...page.body.items.map((d: { code: string }) => d.code));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((d: { code: string }) => d.code));
      // A cursor the client made up, in the shape of ours: a 400 naming the cursor, not a database error.
      const forged = Buffer.from(JSON.stringify({ receivedAt: 'last tuesday', code: 'x' })).toString('base64url');
      const refused = await api().get('/api/v1/dossiers').query({ cursor: forged }).set('authorization', reception).expect(400);
      expect(refused.body).toMatchObject({ code: 'invalid-cursor', errors: [{ field: 'cursor' }] });
    });

    it('marks dossiers past their appointment date as overdue', async () => {
      clock.set('2026-04-20T09:00:00+07:00');
      const overdue = await api().get('/api/v1/dossiers?overdue=true&limit=200').set('authorization', reception).expect(200);
      expect(overdue.body.items.map((d: { code: string }) => d.code)).toContain(counterCode);
      expect(overdue.body.items.every((d: { overdue: boolean }) => d.overdue)).toBe(true);
    });

    it('prints the receipt (form 01) as JSON and as a PDF', async () => {
      const json = await api().get(`/api/v1/dossiers/${counterCode}/receipt`).set('authorization', reception).expect(200);
      expect(json.body).toMatchObject({
        form: '01',
        dossierCode: counterCode,
        lookupSecret: counterSecret,
        statutoryTime: { workingMinutes: 4800, text: '10 ngày làm việc' },
        resultDeliveryText: 'Tại Bộ phận Một cửa: Trung tâm Phục vụ hành chính công tỉnh',
      });
      const pdf = await api().get(`/api/v1/dossiers/${counterCode}/receipt`).set('authorization', reception).set('accept', 'application/pdf').buffer(true).parse(binary).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('looks a dossier up publicly with its lookup code, showing no personal data', async () => {
      const found = await api().get('/api/v1/lookup').query({ code: counterCode, secret: counterSecret.toLowerCase() }).expect(200);
      expect(found.body).toMatchObject({ code: counterCode, status: 'accepted', nationalStatusCode: 2, procedureName: 'Cấp giấy phép lái xe' });
      const text = JSON.stringify(found.body);
      for (const personal of ['Hoàng Thị Lụa', '035090001234', '0912345678', 'Lê Văn Cường', 'Trần Phú']) expect(text).not.toContain(personal);
      const wrong = await api().get('/api/v1/lookup').query({ code: counterCode, secret: 'AAAAAAAAAAAA' }).expect(404);
      expect(wrong.body.code).toBe('dossier-not-found');
      const malformed = await api().get('/api/v1/lookup').query({ code: 'x', secret: '1' }).expect(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'secret']);
    });
  });

  describe('guessing lookup codes', () => {
    const WRONG = (i: number) => `WRONG${String(i).padStart(7, '0')}`;
    const intake = () => request(stack.urlOf('intake'));

    it('answers the 11th wrong lookup code for a dossier with 429, straight to intake as through the gateway, and then every attempt until the window ends', async () => {
      const { code, lookupSecret } = (await submit(reception, dossierBody({ applicant: applicant({ name: 'Trịnh Văn Đoán' }) })).expect(201)).body;
      // Straight to intake's port: the gateway's limits are not in the way, intake's own are.
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await intake().get('/api/v1/lookup').query({ code, secret: WRONG(i) })).status);
      expect(statuses).toEqual(Array(10).fill(404));
      const refused = await intake().get('/api/v1/lookup').query({ code, secret: WRONG(10) }).expect(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ status: 429, code: 'too-many-lookup-attempts' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // During the lockout the right code is refused too, everywhere the lookup code opens the dossier.
      expect((await intake().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(429)).body.code).toBe('too-many-lookup-attempts');
      expect((await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(429)).body.code).toBe('too-many-lookup-attempts');
      await api().get(`/api/v1/dossiers/${code}/documents`).query({ secret: lookupSecret }).expect(429);
      await intake().post(`/api/v1/dossiers/${code}/rating`).query({ secret: lookupSecret }).send({ score: 5 }).expect(429);
      await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret, contact: { name: 'Trịnh Văn Đoán', phone: '0912345678' }, subject: 'Chậm', content: 'Chưa có kết quả.' }).expect(429);
      // Officers signed in are not held up, and other dossiers are looked up as usual.
      await api().get(`/api/v1/dossiers/${code}`).set('authorization', reception).expect(200);
      const other = (await submit(reception, dossierBody()).expect(201)).body;
      await intake().get('/api/v1/lookup').query({ code: other.code, secret: other.lookupSecret }).expect(200);
      // Held in intake's database, so every replica sees it.
      const [row] = await queryDatabase<{ failures: number }>(stack.databaseUrl, `SELECT failures FROM intake.lookup_attempts WHERE subject = $1`, [`dossier:${code}`]);
      expect(row.failures).toBe(11);
      // Once the window is over, the applicant's code opens the dossier again.
      clock.advance(900_000);
      await intake().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200);
    });

    it('counts concurrent guesses exactly, and an unknown dossier like a known one', async () => {
      const { code } = (await submit(reception, dossierBody()).expect(201)).body;
      const together = await Promise.all(Array.from({ length: 20 }, (_, i) => intake().get('/api/v1/lookup').query({ code, secret: WRONG(i) })));
      expect(together.map((r) => r.status).sort()).toEqual([...Array(10).fill(404), ...Array(10).fill(429)]);
      // A code no dossier has is locked the same way, so a 429 tells nobody the dossier exists.
      const unknown = '000.00.01.H56-260316-9999';
      for (let i = 0; i < 10; i++) await intake().get('/api/v1/lookup').query({ code: unknown, secret: WRONG(i) }).expect(404);
      await intake().get('/api/v1/lookup').query({ code: unknown, secret: WRONG(10) }).expect(429);
    });

    it("limits wrong codes for a complaint's answer the same way", async () => {
      const filed = (await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, contact: { name: 'Phan Văn Hỏi', phone: '0912345678' }, subject: 'Hỏi', content: 'Xin hỏi.' }).expect(201)).body;
      for (let i = 0; i < 10; i++) await intake().get(`/api/v1/complaints/${filed.id}`).query({ secret: WRONG(i) }).expect(404);
      expect((await intake().get(`/api/v1/complaints/${filed.id}`).query({ secret: WRONG(10) }).expect(429)).body.code).toBe('too-many-lookup-attempts');
      await intake().get(`/api/v1/complaints/${filed.id}`).query({ secret: filed.lookupSecret }).expect(429);
    });

    it('documents the 429 on every operation that takes a lookup code', async () => {
      const document = (await api().get('/api/openapi.json').expect(200)).body;
      const operations = [
        ['get', '/api/v1/lookup'],
        ['get', '/api/v1/dossiers/{code}/documents'],
        ['get', '/api/v1/dossiers/{code}/documents/{id}'],
        ['post', '/api/v1/dossiers/{code}/rating'],
        ['post', '/api/v1/complaints'],
        ['get', '/api/v1/complaints/{id}'],
      ];
      for (const [method, path] of operations) expect({ path, description: document.paths[path][method].responses['429'].description }).toEqual({ path, description: expect.stringContaining('too-many-lookup-attempts') });
    });
  });

  describe('lookup codes as people type them', () => {
    it('opens a dossier and a complaint with a code typed in lower case, O for 0, I or L for 1, hyphens and spaces; a wrong one is still a 404', async () => {
      const { code } = (await submit(reception, dossierBody({ applicant: applicant({ name: 'Lương Thị Oanh' }) })).expect(201)).body;
      // A code as issued, holding the digits people read as letters.
      await queryDatabase(stack.databaseUrl, `UPDATE intake.dossiers SET lookup_secret = $1 WHERE code = $2`, ['0K1M3XHP9T1D', code]);
      const typed = 'ok-lm3x hp9t-id';
      expect((await api().get('/api/v1/lookup').query({ code, secret: typed }).expect(200)).body.code).toBe(code);
      await api().get(`/api/v1/dossiers/${code}/documents`).query({ secret: typed }).expect(200);
      await api().get(`/api/v1/dossiers/${code}/forms/01`).query({ secret: 'OK1M3XHP9TLD' }).expect(200);
      // Not yet ratable: the code opened it (a wrong one is a 404).
      expect((await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret: typed }).send({ score: 5 }).expect(409)).body.code).toBe('dossier-not-ratable');
      const contact = { name: 'Lương Thị Oanh', phone: '0912345678' };
      const filed = (await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret: typed, contact, subject: 'Chậm', content: 'Chưa có kết quả.' }).expect(201)).body;

      // One character off is another code; one character short is not a code.
      expect((await api().get('/api/v1/lookup').query({ code, secret: 'ok-lm3x hp9t-ie' }).expect(404)).body.code).toBe('dossier-not-found');
      expect((await api().get('/api/v1/lookup').query({ code, secret: 'ok-lm3x hp9t-i' }).expect(400)).body.errors[0].field).toBe('secret');
      await api().get(`/api/v1/dossiers/${code}/documents`).query({ secret: 'ok-lm3x hp9t-ie' }).expect(404);
      await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret: 'ok-lm3x hp9t-ie', contact, subject: 'x', content: 'y' }).expect(422);

      // A complaint's own code is read the same way.
      const complaintCode = 'V0KD1NGC0DE1';
      await queryDatabase(stack.databaseUrl, `UPDATE intake.complaints SET lookup_secret_sha256 = $1 WHERE id = $2`, [createHash('sha256').update(complaintCode).digest('hex'), filed.id]);
      await api().get(`/api/v1/complaints/${filed.id}`).query({ secret: 'v0kd-ingc-odel' }).expect(200);
      await api().get(`/api/v1/complaints/${filed.id}`).query({ secret: 'u0kd-ingc-odel' }).expect(404);
    });
  });

  describe('after reception', () => {
    let code: string;
    let secret: string;

    beforeAll(async () => {
      const dossier = (await submit(citizen, dossierBody({ channel: 'online', applicant: applicant({ name: 'Đỗ Văn Hùng' }) })).expect(201)).body;
      code = dossier.code;
      secret = dossier.lookupSecret;
    });

    it('follows workflow\'s status changes, never backwards, and keeps the progress', async () => {
      await statusEvent(code, 'processing', 4, 1);
      await statusEvent(code, 'supplement_requested', 5, 2);
      await statusEvent(code, 'processing', 4, 1); // a late redelivery of an older change
      const dossier = await api().get(`/api/v1/dossiers/${code}`).set('authorization', citizen).expect(200);
      expect(dossier.body).toMatchObject({ status: 'supplement_requested', nationalStatusCode: 5 });
      const progress = await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', citizen).expect(200);
      expect(progress.body.nextCursor).toBeNull();
      // Submitted online: newly registered until the one-stop desk accepts it.
      expect(progress.body.items[0]).toMatchObject({ status: 'registered', nationalStatusCode: 1, content: 'Nộp hồ sơ trực tuyến, chờ bộ phận một cửa tiếp nhận' });
      expect(progress.body.items.some((p: { officerName: string }) => p.officerName === 'Trần Thị Bình')).toBe(true);
    });

    it('takes the supplement the request asked for, once, and tells workflow', async () => {
      await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', otherCitizen).send({ documents: [{ requirement: 2 }] }).expect(404);
      const supplied = await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', citizen).send({ documents: [{ requirement: 2 }], note: 'Bổ sung giấy khám sức khỏe' }).expect(200);
      expect(supplied.body.status).toBe('processing');
      expect(await count(`SELECT count(*)::int AS n FROM intake.outbox_events WHERE type = 'SupplementReceived' AND payload->>'dossierCode' = $1`, [code])).toBe(1);
      const again = await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', citizen).send({ documents: [{ requirement: 2 }] }).expect(409);
      expect(again.body).toMatchObject({ code: 'supplement-not-requested', status: 409, currentStatus: 'processing' });
    });

    it('takes a rating once the result is ready, once, with the lookup code', async () => {
      const early = await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret }).send({ score: 5 }).expect(409);
      expect(early.body.code).toBe('dossier-not-ratable');
      await statusEvent(code, 'processed', 9, 5);
      await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret: 'AAAAAAAAAAAA' }).send({ score: 5 }).expect(404);
      await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret }).send({ score: 6 }).expect(400);
      const rated = await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret }).send({ score: 4, comment: 'Nhanh gọn' }).expect(200);
      expect(rated.body).toMatchObject({ code, rating: { score: 4, comment: 'Nhanh gọn' } });
      expect(JSON.stringify(rated.body)).not.toContain('Đỗ Văn Hùng');
      expect((await api().post(`/api/v1/dossiers/${code}/rating`).query({ secret }).send({ score: 1 }).expect(409)).body.code).toBe('dossier-already-rated');
    });

    it('lets the applicant withdraw before the result, not after', async () => {
      await expect(api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', citizen).send({ reason: 'Không còn nhu cầu' }).expect(409)).resolves.toBeDefined();
      const fresh = (await submit(reception, dossierBody()).expect(201)).body.code;
      await api().post(`/api/v1/dossiers/${fresh}/withdrawal`).set('authorization', citizen).send({ reason: 'x' }).expect(404);
      const withdrawn = await withdraw(reception, fresh, { reason: 'Công dân xin rút hồ sơ' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', nationalStatusCode: 7 });
      expect(await count(`SELECT count(*)::int AS n FROM intake.outbox_events WHERE type = 'DossierWithdrawn' AND payload->>'dossierCode' = $1`, [fresh])).toBe(1);
      await api().post(`/api/v1/dossiers/${fresh}/withdrawal`).set('authorization', reception).send({}).expect(400);
    });

    it('tells the progress in the lookup in standard words: no reasons or notes typed by the applicant or officers, no officers', async () => {
      const received = (await submit(reception, dossierBody({ applicant: applicant({ name: 'Phạm Thị Mai' }) })).expect(201)).body;
      const fresh: string = received.code;
      // Workflow's steps: one it words in full, and an apology whose reason names people.
      await statusEvent(fresh, 'processing', 4, 1, '2026-03-30T10:00:00+07:00', 'Chuyển xử lý', 'forward');
      await statusEvent(fresh, 'processing', 4, 2, '2026-04-02T10:00:00+07:00', 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả (ông Nguyễn Văn Tư, 0911222333, chưa ký)', 'apologise');
      const reason = 'Bà Phạm Thị Mai nằm viện, gọi 0977555111';
      expect((await withdraw(reception, fresh, { reason })).status).toBe(200);
      // The applicant's and the officers' progress keeps every word (workflow's step, which follows)...
      const full = await eventually(async () => {
        const progress = (await api().get(`/api/v1/dossiers/${fresh}/progress`).set('authorization', reception).expect(200)).body.items as Array<{ content: string }>;
        return progress.length === 4 ? progress : undefined;
      }, 10000, 'the withdrawal in the progress');
      expect(full.map((p) => p.content)).toContain(`Công dân rút hồ sơ: ${reason}`);

      // ...the lookup shows status, national code, time, unit and the step's standard words.
      const found = (await api().get('/api/v1/lookup').query({ code: fresh, secret: received.lookupSecret }).expect(200)).body;
      expect(found).toMatchObject({ status: 'withdrawn', nationalStatusCode: 7 });
      expect(found.progress.slice(0, 4)).toEqual([
        { status: 'accepted', nationalStatusCode: 2, at: MONDAY_10AM, unitCode: SERVICE_CENTRE, unitName: expect.any(String), content: 'Tiếp nhận hồ sơ tại bộ phận một cửa', appointmentAt: expect.any(String) },
        { status: 'processing', nationalStatusCode: 4, at: MONDAY_10AM, unitCode: DEPARTMENT, unitName: 'Sở Giao thông vận tải', content: 'Chuyển xử lý', appointmentAt: '2026-03-30T10:00:00+07:00' },
        { status: 'processing', nationalStatusCode: 4, at: MONDAY_10AM, unitCode: DEPARTMENT, unitName: 'Sở Giao thông vận tải', content: 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả', appointmentAt: '2026-04-02T10:00:00+07:00' },
        { status: 'withdrawn', nationalStatusCode: 7, at: MONDAY_10AM, unitCode: SERVICE_CENTRE, unitName: expect.any(String), content: 'Công dân rút hồ sơ', appointmentAt: expect.any(String) },
      ]);
      const text = JSON.stringify(found);
      for (const personal of ['Phạm Thị Mai', 'nằm viện', '0977555111', 'Nguyễn Văn Tư', '0911222333', 'chưa ký', 'Trần Thị Bình', 'Chuyên viên', 'Lê Văn Cường', 'Công chức một cửa']) expect(text).not.toContain(personal);
    });

    it('takes complaints from anyone, about a dossier only with its lookup code, for the agency\'s officers to answer once', async () => {
      const contact = { name: 'Đỗ Văn Hùng', phone: '0987654321' };
      const filed = await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret: secret, contact, subject: 'Chậm trả kết quả', content: 'Hồ sơ chậm.' }).expect(201);
      const wrong = await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret: 'AAAAAAAAAAAA', contact, subject: 'x', content: 'y' }).expect(422);
      expect(wrong.body.errors[0].field).toBe('dossierCode');
      const open = await api().get('/api/v1/complaints?state=open').set('authorization', reception).expect(200);
      expect(open.body.items.map((c: { id: string }) => c.id)).toContain(filed.body.id);
      expect((await api().get('/api/v1/complaints').set('authorization', otherReception).expect(200)).body.items).toEqual([]);
      await api().post(`/api/v1/complaints/${filed.body.id}/answer`).set('authorization', otherReception).send({ answer: 'x' }).expect(404);
      const answered = await api().post(`/api/v1/complaints/${filed.body.id}/answer`).set('authorization', reception).send({ answer: 'Đã trả kết quả.' }).expect(201);
      expect(answered.body.answer).toBe('Đã trả kết quả.');
      await api().post(`/api/v1/complaints/${filed.body.id}/answer`).set('authorization', reception).send({ answer: 'again' }).expect(409);
      expect(await count(`SELECT count(*)::int AS n FROM intake.outbox_events WHERE type IN ('ComplaintFiled', 'ComplaintAnswered') AND payload->>'complaintId' = $1`, [filed.body.id])).toBe(2);
    });

    it('lets the complainant read the answer with the lookup code from filing, and nobody without it', async () => {
      const contact = { name: 'Đỗ Văn Hùng', phone: '0987654321', email: 'hung.do@example.vn' };
      clock.set('2026-03-16T10:30:00+07:00');
      const filed = await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, dossierCode: code, lookupSecret: secret, contact, subject: 'Thái độ phục vụ', content: 'Cán bộ hẹn tôi ba lần.' }).expect(201);
      expect(filed.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), filedAt: '2026-03-16T10:30:00+07:00', lookupSecret: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{12}$/) });
      const { id, lookupSecret } = filed.body as { id: string; lookupSecret: string };
      // Only a fingerprint of the code is kept.
      const fingerprint = createHash('sha256').update(lookupSecret).digest('hex');
      expect(await count(`SELECT count(*)::int AS n FROM intake.complaints c WHERE id = $1 AND lookup_secret_sha256 = $2 AND position($3 in c::text) = 0`, [id, fingerprint, lookupSecret])).toBe(1);

      const read = (query: Record<string, string>, auth?: string) => {
        const call = api().get(`/api/v1/complaints/${id}`).query(query);
        return auth ? call.set('authorization', auth) : call;
      };
      const open = await read({ secret: lookupSecret }).expect(200);
      expect(open.body).toEqual({
        id,
        agencyCode: SERVICE_CENTRE,
        dossierCode: code,
        subject: 'Thái độ phục vụ',
        content: 'Cán bộ hẹn tôi ba lần.',
        filedAt: '2026-03-16T10:30:00+07:00',
        status: 'open',
        answer: null,
        answeredAt: null,
      });
      // Typed off a slip of paper: the case does not matter.
      await read({ secret: lookupSecret.toLowerCase() }).expect(200);

      clock.set('2026-03-17T09:00:00+07:00');
      await api().post(`/api/v1/complaints/${id}/answer`).set('authorization', reception).send({ answer: 'Đã nhắc nhở cán bộ, xin lỗi ông.' }).expect(201);
      const answered = await read({ secret: lookupSecret }).expect(200);
      expect(answered.body).toMatchObject({ status: 'answered', answer: 'Đã nhắc nhở cán bộ, xin lỗi ông.', answeredAt: '2026-03-17T09:00:00+07:00' });
      // Nothing of the contact, nor of the officer who answered.
      const text = JSON.stringify(answered.body);
      for (const personal of ['Đỗ Văn Hùng', '0987654321', 'hung.do@example.vn', 'officer-centre', 'Lê Văn Cường']) expect(text).not.toContain(personal);

      // A wrong code, another complaint's code and an unknown id: the same 404, so ids cannot be probed.
      const other = (await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, contact, subject: 'Khác', content: 'Khác.' }).expect(201)).body;
      const wrong = await read({ secret: 'AAAAAAAAAAAA' }).expect(404);
      const crossed = await read({ secret: other.lookupSecret }).expect(404);
      const unknown = await api().get(`/api/v1/complaints/${randomUUID()}`).query({ secret: lookupSecret }).expect(404);
      for (const answer of [wrong, crossed, unknown]) expect(answer.body).toMatchObject({ status: 404, code: 'complaint-not-found', detail: 'No complaint with this id and lookup code.' });
      // Without the code: no sign-in is 401; officers, even the agency's, and other citizens get the 404.
      expect((await read({}).expect(401)).body.code).toBe('authentication-required');
      for (const stranger of [citizen, reception, otherReception]) await read({}, stranger).expect(404);
      expect((await read({ secret: 'short' }).expect(400)).body.errors[0].field).toBe('secret');
      await api().get('/api/v1/complaints/not-a-uuid').query({ secret: lookupSecret }).expect(400);
    });

    it('lets a citizen who filed signed in read the complaint with their token alone', async () => {
      const filed = (await api().post('/api/v1/complaints').set('authorization', citizen).send({ agencyCode: SERVICE_CENTRE, contact: { name: 'Nguyễn Văn An', phone: '0912345678' }, subject: 'Hướng dẫn chưa rõ', content: 'Cần hướng dẫn thêm.' }).expect(201)).body;
      expect(filed.lookupSecret).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      const mine = await api().get(`/api/v1/complaints/${filed.id}`).set('authorization', citizen).expect(200);
      expect(mine.body).toMatchObject({ id: filed.id, subject: 'Hướng dẫn chưa rõ', status: 'open', answer: null });
      expect(mine.body.contact).toBeUndefined();
      await api().get(`/api/v1/complaints/${filed.id}`).set('authorization', otherCitizen).expect(404);
      // The code works for them too; a wrong one is not saved by the token.
      await api().get(`/api/v1/complaints/${filed.id}`).query({ secret: filed.lookupSecret }).expect(200);
      await api().get(`/api/v1/complaints/${filed.id}`).query({ secret: 'AAAAAAAAAAAA' }).set('authorization', citizen).expect(404);
      // An anonymous complaint has no owner, whoever later signs in.
      const anonymous = (await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, contact: { name: 'Nguyễn Văn An', phone: '0912345678' }, subject: 'x', content: 'y' }).expect(201)).body;
      await api().get(`/api/v1/complaints/${anonymous.id}`).set('authorization', citizen).expect(404);
    });
  });
});
