import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ERASED_PERSON_NAME, SERVICE_NAMES } from '@onestop/domain';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { buildPdf, onePageObjects } from '../libs/platform/src/testing/sample-files.js';
import { signCallback } from '../apps/postal/src/carriers/callback-signature.js';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, counterDossier, MAIN_FLOW_OFFICERS, MONDAY_10AM, publishBody, seedCatalogBasics, signIn } from './fixtures/index.js';
import { expectEveryEventDeliveredToEachSubscriber } from './fixtures/deliveries.js';

type Json = Record<string, any>;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The applicant whose dossier closes first and outlives its retention. */
const GONE = { ...APPLICANT, name: 'Phạm Thị Lưu Trữ', idNumber: '035199887766', phone: '0977111222', email: 'luu.tru@example.vn', address: { detail: 'Số 9 ngõ 3 phố Biên Hòa', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' } };
/** One who sent their dossier by post: the post kept them as its sender. */
const POSTED = { ...APPLICANT, name: 'Đỗ Văn Bưu Gửi', idNumber: '035177665544', phone: '0955444333', address: { detail: 'Thôn Đông, đường 21B', commune: 'Xã Liêm Tuyền', province: 'Hà Nam' } };
const CALLBACK_SECRET = 'retention-carrier-callback-secret';
/** One whose dossier closes years later, still inside its retention. */
const KEPT = { ...APPLICANT, name: 'Hoàng Văn Giữ Lại', idNumber: '035188776655', phone: '0966333444', email: 'giu.lai@example.vn' };
const PERSONAL_OF_GONE = [GONE.name, GONE.idNumber, GONE.phone, GONE.email, GONE.address.detail, POSTED.name, POSTED.idNumber, POSTED.phone, POSTED.address.detail];

/**
 * Everything a schema's tables hold as text (every text, character, json and jsonb column of every
 * table of every service), so a table added later is searched too. The simulated outside systems
 * (carrier, portal, payment platform, SMS and email providers) keep their own copies, as the real
 * ones do, and a fee receipt keeps its payer (accounting records).
 */
async function personalDataLeft(databaseUrl: string, values: string[]): Promise<string[]> {
  const columns = await queryDatabase<{ schema: string; table: string; column: string }>(
    databaseUrl,
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = ANY($1::text[]) AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
        AND c.table_name NOT LIKE 'simulated%' AND NOT (c.table_schema = 'payment' AND c.table_name = 'receipts' AND c.column_name = 'payer_name')`,
    [[...SERVICE_NAMES]],
  );
  const found: string[] = [];
  for (const { schema, table, column } of columns) {
    const [{ n }] = await queryDatabase<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM ${schema}."${table}" WHERE "${column}"::text LIKE ANY($1::text[])`, [values.map((v) => `%${v}%`)]);
    if (n > 0) found.push(`${schema}.${table}.${column}`);
  }
  return found;
}

async function filesUnder(folder: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      hashes.set(sha256(await readFile(path)), path);
    }
  }
  return hashes;
}

describe('retention of applicants\' personal data', () => {
  let stack: Stack;
  let files: string;
  let as: Record<string, string>;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  const act = (code: string, auth: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const dossierStatus = (code: string, status: string) =>
    eventually(async () => ((await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception)).body.status === status ? true : undefined), 15000, `the dossier to be ${status}`);
  const submit = async (body: object) => {
    const code = (await api().post('/api/v1/dossiers').set('authorization', as.reception).send(body).expect(201)).body.code as string;
    await eventually(async () => ((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception)).status === 200 ? true : undefined), 10000, 'the case to open');
    return code;
  };
  const reports = async () => ({
    balance: (await api().get('/api/v1/reports/dossier-balance?period=2026').set('authorization', as.leader).expect(200)).body,
    indicators: (await api().get('/api/v1/reports/indicators?period=2026').set('authorization', as.leader).expect(200)).body,
  });
  let gone: string;
  let posted: string;
  let kept: string;
  let uploaded: string;

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'onestop-retention-'));
    // Idempotency keys keep the answers they replay (with the applicant's data) for their hours
    // only; purged often here, so the scan sees what a day later would hold.
    stack = await startStack({ FILE_STORAGE_DIR: files, QUIET_HOURS: 'off', CARRIER_CALLBACK_SECRET: CALLBACK_SECRET, IDEMPOTENCY_PURGE_MS: '200' }, { clock });
    as = await signIn(stack, MAIN_FLOW_OFFICERS);
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.008001')).expect(201);

    // Received with a scanned document and a result by post: delivered, so closed (returned).
    gone = await submit(counterDossier('1.008001', { applicant: GONE, resultDelivery: { method: 'post', address: GONE.address, receiverName: GONE.name, receiverPhone: GONE.phone } }));
    const pdf = buildPdf(onePageObjects('Don de nghi cua Pham Thi Luu Tru'));
    uploaded = sha256(pdf);
    await api().post(`/api/v1/dossiers/${gone}/documents`).set('authorization', as.reception).field('requirement', '1').attach('file', pdf, { filename: 'don-pham-thi-luu-tru.pdf', contentType: 'application/pdf' }).expect(201);
    await act(gone, as.reception, { action: 'forward' });
    await act(gone, as.specialist, { action: 'appraise', opinion: 'Đủ điều kiện' });
    await act(gone, as.leader, { action: 'approve' });
    await act(gone, as.reception, { action: 'issue_result', result: { kind: 'paper', documentNumber: '77/GP-SGTVT', summary: 'Giấy phép' } });
    const shipment = await eventually(async () => {
      const items = (await api().get('/api/v1/shipments').query({ dossierCode: gone }).set('authorization', as.reception)).body.items as Json[] | undefined;
      return items?.[0]?.status === 'registered' ? items[0] : undefined;
    }, 15000, 'the carrier to accept the delivery');
    for (const move of ['collected', 'in_transit', 'delivered']) {
      await api().post(`/api/v1/shipments/${shipment.id}/simulated-moves`).set('authorization', stack.adminAuth).send({ move }).expect(200);
    }
    await dossierStatus(gone, 'returned');

    // Sent by post: the postal worker registers the envelope, it reaches the agency, the
    // reception officer takes it in; the applicant withdraws it the same day.
    const postal = await stack.tokenFor({ subject: 'vnpost-ha-nam', roles: ['postal'] });
    const pickup = (
      await api()
        .post('/api/v1/shipments/pickups')
        .set('authorization', postal)
        .send({
          trackingNumber: 'EB000000777VN',
          collectedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
          parcel: { weightGrams: 300 },
          postageVnd: 25000,
          codVnd: 0,
          dossier: { procedureCode: '1.008001', agencyCode: counterDossier('1.008001').agencyCode, applicant: POSTED, documents: [{ requirement: 1 }, { requirement: 2 }], resultDelivery: { method: 'counter' } },
        })
        .expect(201)
    ).body as Json;
    const raw = JSON.stringify({ eventId: 'EB777-1', trackingNumber: 'EB000000777VN', status: 'delivered', occurredAt: new Date(clock.now().getTime() - 600_000).toISOString(), sequence: 3 });
    await api().post('/api/v1/carrier-callbacks/simulated').set('content-type', 'application/json').set('x-carrier-signature', signCallback(raw, CALLBACK_SECRET)).send(raw).expect(200);
    posted = (await api().post(`/api/v1/shipments/${pickup.id}/handover`).set('authorization', as.reception).send({}).expect(200)).body.dossierCode as string;
    await eventually(async () => ((await api().get(`/api/v1/cases/${posted}`).set('authorization', as.reception)).status === 200 ? true : undefined), 10000, 'the case to open');
    await api().post(`/api/v1/dossiers/${posted}/withdrawal`).set('authorization', as.reception).send({ reason: 'Công dân xin rút hồ sơ' }).expect(200);
    await dossierStatus(posted, 'withdrawn');

    // Three years on, the other applicant's dossier is withdrawn: closed, its retention has years to run.
    clock.set('2029-03-19T10:00:00+07:00');
    kept = await submit(counterDossier('1.008001', { applicant: KEPT }));
    await api().post(`/api/v1/dossiers/${kept}/withdrawal`).set('authorization', as.reception).send({ reason: 'Công dân xin rút hồ sơ' }).expect(200);
    await dossierStatus(kept, 'withdrawn');
    await expectEveryEventDeliveredToEachSubscriber(stack.databaseUrl);
  }, 180000);

  afterAll(async () => {
    await stack?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('removes a closed dossier\'s personal data from every service and the file store once its retention is over, and leaves the reports as they were', async () => {
    // Inside the retention (five years by default), nothing goes.
    expect((await api().post('/api/v1/personal-data/erasures').set('authorization', stack.adminAuth).expect(200)).body).toEqual({ erased: [], filesRemoved: 0 });
    // Where the applicant's data is before: intake's dossier, the post's receiver, the messages sent.
    expect(await personalDataLeft(stack.databaseUrl, PERSONAL_OF_GONE)).toEqual(
      expect.arrayContaining(['intake.dossiers.applicant', 'intake.dossiers.applicant_name', 'intake.dossiers.result_delivery', 'postal.shipments.receiver', 'postal.shipments.sender', 'postal.shipments.dossier', 'notification.messages.recipient', 'notification.messages.body']),
    );
    expect((await filesUnder(files)).has(uploaded)).toBe(true);
    // The scan and the forms intake keeps with it are files of the dossier too.
    const keys = (await queryDatabase<{ storage_key: string }>(stack.databaseUrl, 'SELECT storage_key FROM intake.dossier_files WHERE dossier_code = $1', [gone])).map((r) => r.storage_key);
    expect(keys.length).toBeGreaterThan(0);
    const before = await reports();

    clock.set('2031-06-02T10:00:00+07:00');
    const run = (await api().post('/api/v1/personal-data/erasures').set('authorization', stack.adminAuth).expect(200)).body;
    expect(run).toEqual({ erased: [gone, posted].sort(), filesRemoved: keys.length });
    await expectEveryEventDeliveredToEachSubscriber(stack.databaseUrl);
    const keysLeft = async () => {
      let n = 0;
      for (const schema of SERVICE_NAMES) n += (await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'idempotency_keys'`, [schema]))[0].n
        ? (await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.idempotency_keys`))[0].n
        : 0;
      return n;
    };
    await eventually(async () => ((await keysLeft()) === 0 ? true : undefined), 10000, 'the idempotency keys past their hours to be forgotten');

    expect(await personalDataLeft(stack.databaseUrl, PERSONAL_OF_GONE)).toEqual([]);
    expect((await filesUnder(files)).has(uploaded)).toBe(false);
    for (const key of keys) await expect(readFile(join(files, key))).rejects.toThrow();
    // The other applicant, closed in 2029, keeps everything.
    expect(await personalDataLeft(stack.databaseUrl, [KEPT.idNumber])).toEqual(expect.arrayContaining(['intake.dossiers.applicant']));
    expect(await reports()).toEqual(before);

    // What stays of the dossier: its code, procedure, dates and status, the name saying why.
    const dossier = (await api().get(`/api/v1/dossiers/${gone}`).set('authorization', as.reception).expect(200)).body;
    expect(dossier).toMatchObject({ code: gone, procedure: expect.objectContaining({ code: '1.008001' }), status: 'returned', applicant: { name: ERASED_PERSON_NAME, idNumber: '' } });
    expect((await api().get(`/api/v1/dossiers/${gone}/documents`).set('authorization', as.reception).expect(200)).body.items).toEqual([]);
    const shipments = (await api().get('/api/v1/shipments').query({ dossierCode: gone }).set('authorization', as.reception).expect(200)).body.items as Json[];
    expect(shipments).toEqual([expect.objectContaining({ status: 'delivered' })]);

    // Once only: the log has it, a second run finds nothing more.
    expect((await api().post('/api/v1/personal-data/erasures').set('authorization', stack.adminAuth).expect(200)).body).toEqual({ erased: [], filesRemoved: 0 });
    const log = (await api().get('/api/v1/personal-data/erasures').set('authorization', stack.adminAuth).expect(200)).body;
    expect(log.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dossierCode: gone, retentionMonths: 60, filesRemoved: keys.length, erasedAt: '2031-06-02T10:00:00+07:00' }),
        expect.objectContaining({ dossierCode: posted, retentionMonths: 60, filesRemoved: 0 }),
      ]),
    );
    expect(log.items).toHaveLength(2);
  });

  it('gives a person their data on their written request, logging who gave it out without keeping their number', async () => {
    const answer = (await api().post('/api/v1/personal-data/exports').send({ idNumber: KEPT.idNumber, requestReference: '15/PYC-2031' }).set('authorization', as.reception).expect(201)).body;
    expect(answer.dossiers).toEqual([expect.objectContaining({ code: kept, applicant: expect.objectContaining({ name: KEPT.name, phone: KEPT.phone, email: KEPT.email }), erased: false })]);
    const own = await api().post('/api/v1/personal-data/me/exports').send({}).set('authorization', await stack.tokenFor({ subject: 'citizen.nobody', roles: ['citizen'] })).expect(201);
    expect(own.body.dossiers).toEqual([]);
    const exports = (await api().get('/api/v1/personal-data/exports').set('authorization', stack.adminAuth).expect(200)).body.items as Json[];
    // Both at the services' fixed time: in either order.
    expect(exports.map((e) => [e.actorRole, e.idNumberSha256, e.requestReference, e.dossiers]).sort()).toEqual([
      ['citizen', null, null, 0],
      ['reception', sha256(KEPT.idNumber), '15/PYC-2031', 1],
    ]);
    expect(JSON.stringify(exports)).not.toContain(KEPT.idNumber);
  });

  it('refuses a bad retention or request with a 400 naming the field, and changes a field\'s retention', async () => {
    const fields = (body: Json) => [...new Set((body.errors as Json[]).map((e) => e.field))];
    const put = (field: string, body: object) => api().put(`/api/v1/retention-policies/${encodeURIComponent(field)}`).set('authorization', stack.adminAuth).send(body);
    expect(fields((await put('*', { retentionMonths: 0, basis: 'x' }).expect(400)).body)).toEqual(['retentionMonths']);
    expect(fields((await put('*', { retentionMonths: 12 }).expect(400)).body)).toEqual(['basis']);
    expect(fields((await put('bad code', { retentionMonths: 12, basis: 'x' }).expect(400)).body)).toEqual(['fieldCode']);
    expect(fields((await api().post('/api/v1/personal-data/exports').send({ idNumber: KEPT.idNumber }).set('authorization', as.reception).expect(400)).body)).toEqual(['requestReference']);
    const saved = (await put('GT-DB', { retentionMonths: 120, basis: 'Hồ sơ giấy phép lái xe: 10 năm' }).expect(200)).body;
    expect(saved).toMatchObject({ fieldCode: 'GT-DB', retentionMonths: 120, updatedBy: expect.any(String) });
    expect((await api().get('/api/v1/retention-policies').set('authorization', stack.adminAuth).expect(200)).body.items.map((p: Json) => [p.fieldCode, p.retentionMonths])).toEqual([
      ['*', 60],
      ['GT-DB', 120],
    ]);
    await api().get('/api/v1/retention-policies').set('authorization', as.reception).expect(403);
  });
});
