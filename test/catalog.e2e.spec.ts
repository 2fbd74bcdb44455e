import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { ProcedurePromotionService } from '../apps/catalog/src/procedures/procedure-promotion.service.js';
import { eventually, type Stack, startStack } from './stack.js';
import { DEPARTMENT, decision, FIELD, procedureContent, PROVINCE, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

/** Every service reads this time; the decisions below are dated around it. */
const NOW = '2026-10-01T10:00:00+07:00';

describe('the procedure catalog', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(NOW));
  const api = () => request(stack.gatewayUrl);
  const count = async (sql: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql))[0].n;

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('agencies', () => {
    it('walks the tree by parent and finds by name without diacritics', async () => {
      const children = await api().get(`/api/v1/agencies?parentCode=${PROVINCE}`).expect(200);
      expect(children.body.items.map((a: { code: string }) => a.code)).toEqual([SERVICE_CENTRE, DEPARTMENT]);
      const found = await api().get('/api/v1/agencies?q=giao%20thong').expect(200);
      expect(found.body.items).toEqual([expect.objectContaining({ code: DEPARTMENT, onlineOnlyWeekdays: [2, 4] })]);
    });

    it('refuses a single online-only weekday, an unknown level and a cycle in the tree', async () => {
      const oneDay = await api().post('/api/v1/agencies').set('authorization', stack.adminAuth).send({ code: '000.18.22.H56', name: 'Sở Y tế', levelCode: 'province', parentCode: PROVINCE, onlineOnlyWeekdays: [3] }).expect(422);
      expect(oneDay.body.errors).toEqual([expect.objectContaining({ field: 'onlineOnlyWeekdays' })]);
      const level = await api().post('/api/v1/agencies').set('authorization', stack.adminAuth).send({ code: '000.18.22.H56', name: 'Sở Y tế', levelCode: 'region' }).expect(422);
      expect(level.body.errors[0].field).toBe('levelCode');
      const cycle = await api().patch(`/api/v1/agencies/${PROVINCE}`).set('authorization', stack.adminAuth).send({ parentCode: DEPARTMENT }).expect(422);
      expect(cycle.body.errors[0].field).toBe('parentCode');
      const badCode = await api().post('/api/v1/agencies').set('authorization', stack.adminAuth).send({ code: 'H56', name: 'x', levelCode: 'province' }).expect(400);
      expect(badCode.body.errors[0].field).toBe('code');
    });

    it('lists the levels, the district level marked abolished in 2025', async () => {
      const levels = await api().get('/api/v1/levels').expect(200);
      expect(levels.body.nextCursor).toBeNull();
      expect(levels.body.items.map((l: { code: string }) => l.code)).toEqual(['province', 'district', 'commune']);
      expect(levels.body.items[1].abolishedFrom).toBe('2025-07-01');
    });
  });

  describe('writes need the administrator', () => {
    it('answers 401 without credentials and with a wrong token, and writes nothing', async () => {
      const none = await api().post('/api/v1/fields').send({ code: 'X', name: 'X' }).expect(401);
      expect(none.body.code).toBe('authentication-required');
      await api().post('/api/v1/procedures').set('authorization', 'Bearer wrong-token-wrong-token').send(publishBody('1.999001')).expect(401);
      expect(await count(`SELECT count(*)::int AS n FROM catalog.fields WHERE code = 'X'`)).toBe(0);
    });
  });

  describe('versions through publishing decisions', () => {
    const code = '1.004001';
    /** Posts an amendment of the procedure under test, as the administrator. */
    const amend = (amendmentDecision: ReturnType<typeof decision>, procedure = procedureContent()) =>
      api().post(`/api/v1/procedures/${code}/amendments`).set('authorization', stack.adminAuth).send({ decision: amendmentDecision, procedure });

    it('publishes version 1 with the default steps, and reads it', async () => {
      const published = await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody(code)).expect(201);
      expect(published.body).toMatchObject({ code, versionNo: 1, kind: 'published', acceptsDossiers: true, decision: decision() });
      const steps = published.body.procedure.steps as Array<{ kind: string; agencyCode: string; workingMinutes: number }>;
      expect(steps.map((s) => s.kind)).toEqual(['receive', 'appraise', 'approve', 'return']);
      expect(steps.reduce((sum, s) => sum + s.workingMinutes, 0)).toBe(10 * 480);
      expect(steps[0].agencyCode).toBe(SERVICE_CENTRE);
      expect(steps[1].agencyCode).toBe(DEPARTMENT);
    });

    it('amends to version 2 and keeps version 1 readable at its dates', async () => {
      await amend(decision('202/QĐ-UBND', '2026-05-01', '2026-06-01'), procedureContent({ processingTime: { value: 7, unit: 'working_days' } })).expect(201);
      const versions = await api().get(`/api/v1/procedures/${code}/versions`).expect(200);
      expect(versions.body.items.map((v: { versionNo: number; kind: string }) => [v.versionNo, v.kind])).toEqual([[1, 'published'], [2, 'amended']]);
      expect(versions.body.nextCursor).toBeNull();
      // A page at a time: the cursor goes on after the last version shown.
      const first = (await api().get(`/api/v1/procedures/${code}/versions?limit=1`).expect(200)).body;
      expect(first.items.map((v: { versionNo: number }) => v.versionNo)).toEqual([1]);
      const second = (await api().get(`/api/v1/procedures/${code}/versions?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
      expect([second.items.map((v: { versionNo: number }) => v.versionNo), second.nextCursor]).toEqual([[2], null]);
      const inMay = await api().get(`/api/v1/procedures/${code}?at=2026-05-20`).expect(200);
      expect(inMay.body.versionNo).toBe(1);
      expect(inMay.body.procedure.processingTime.value).toBe(10);
      const inJune = await api().get(`/api/v1/procedures/${code}?at=2026-06-01`).expect(200);
      expect(inJune.body.versionNo).toBe(2);
      const before = await api().get(`/api/v1/procedures/${code}?at=2025-12-31`).expect(404);
      expect(before.body.code).toBe('procedure-not-in-force');
      const one = await api().get(`/api/v1/procedures/${code}/versions/1`).expect(200);
      expect(one.body.decision.number).toBe('101/QĐ-UBND');
    });

    it('refuses a decision dated before the version it replaces', async () => {
      const response = await amend(decision('150/QĐ-UBND', '2026-03-01', '2026-03-10')).expect(422);
      expect(response.body.code).toBe('decision-predates-current-version');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decision.date', 'decision.effectiveFrom']);
    });


    it('refuses dates that do not exist, naming the field, and changes nothing', async () => {
      const response = await amend(decision('151/QĐ-UBND', '2026-02-30', '2026-13-01')).expect(400);
      expect(response.body.code).toBe('validation-failed');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decision.date', 'decision.effectiveFrom']);
      const at = await api().get(`/api/v1/procedures/${code}?at=2026-02-29`).expect(400);
      expect(at.body.errors.map((e: { field: string }) => e.field)).toEqual(['at']);
      const versions = await api().get(`/api/v1/procedures/${code}/versions`).expect(200);
      expect(versions.body.items.map((v: { decision: { number: string } }) => v.decision.number)).not.toContain('151/QĐ-UBND');
    });
    it('abolishes: no dossiers from the effective date, and no further amendment', async () => {
      await api().post(`/api/v1/procedures/${code}/abolition`).set('authorization', stack.adminAuth).send({ decision: decision('303/QĐ-UBND', '2026-08-01', '2026-09-01') }).expect(201);
      const august = await api().get(`/api/v1/procedures/${code}?at=2026-08-31`).expect(200);
      expect(august.body.acceptsDossiers).toBe(true);
      const september = await api().get(`/api/v1/procedures/${code}?at=2026-09-01`).expect(200);
      expect(september.body).toMatchObject({ kind: 'abolished', acceptsDossiers: false, versionNo: 3 });
      const again = await amend(decision('404/QĐ-UBND', '2026-10-01', '2026-10-01')).expect(409);
      expect(again.body.code).toBe('procedure-abolished');
      const listed = await api().get(`/api/v1/procedures?status=abolished`).expect(200);
      expect(listed.body.items.map((p: { code: string }) => p.code)).toContain(code);
    });

    it('emits one event per change, which reporting applies', async () => {
      const types = await queryDatabase<{ type: string }>(stack.databaseUrl, `SELECT type FROM catalog.outbox_events WHERE payload->>'code' = $1 ORDER BY seq`, [code]);
      expect(types.map((t) => t.type)).toEqual(['ProcedurePublished', 'ProcedureAmended', 'ProcedureAbolished']);
      await eventually(async () => {
        const rows = await queryDatabase<{ status: string; version_no: number }>(stack.databaseUrl, `SELECT status, version_no FROM reporting.procedure_facts WHERE code = $1`, [code]);
        return rows[0]?.status === 'abolished' ? rows[0] : undefined;
      }, 10000, 'reporting to see the abolition');
    });

    it('refuses bad content with the reasons: unknown references, broken rules, negative time', async () => {
      const unknown = await api()
        .post('/api/v1/procedures')
        .set('authorization', stack.adminAuth)
        .send(publishBody('1.004002', { fieldCode: 'NOPE', receivingAgencyCodes: ['000.99.99.H56'], onlineLevel: 2, onlineMode: 'full' }))
        .expect(422);
      expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['procedure.fieldCode', 'procedure.onlineMode', 'procedure.receivingAgencyCodes[0]']);
      const negative = await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.004002', { processingTime: { value: -3, unit: 'working_days' } })).expect(400);
      expect(negative.body.errors[0].field).toBe('procedure.processingTime.value');
      const steps = await api()
        .post('/api/v1/procedures')
        .set('authorization', stack.adminAuth)
        .send(publishBody('1.004002', { steps: [{ kind: 'receive', agencyCode: SERVICE_CENTRE, workingMinutes: 100 }] }))
        .expect(422);
      expect(steps.body.errors[0].field).toBe('procedure.steps');
      expect(await count(`SELECT count(*)::int AS n FROM catalog.procedures WHERE code = '1.004002'`)).toBe(0);
    });
  });

  describe('the national portal upsert and bulk import', () => {
    const code = '2.001100';
    const body = { decision: decision('55/QĐ-BGTVT', '2026-02-01', '2026-02-01'), procedure: procedureContent({ name: 'Đổi giấy phép lái xe' }) };

    it('publishes, then leaves identical content alone with no version and no event, then amends a change', async () => {
      const first = await api().put(`/api/v1/sync/procedures/${code}`).set('authorization', stack.adminAuth).send(body).expect(201);
      expect(first.body.outcome).toBe('published');
      const eventsBefore = await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`);
      const same = await api().put(`/api/v1/sync/procedures/${code}`).set('authorization', stack.adminAuth).send(body).expect(200);
      expect(same.body).toMatchObject({ outcome: 'unchanged', version: { versionNo: 1 } });
      expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`)).toBe(eventsBefore);
      const changed = await api()
        .put(`/api/v1/sync/procedures/${code}`)
        .set('authorization', stack.adminAuth)
        .send({ ...body, procedure: procedureContent({ name: 'Đổi giấy phép lái xe', fees: [] }) })
        .expect(200);
      expect(changed.body).toMatchObject({ outcome: 'amended', version: { versionNo: 2 } });
    });

    it('imports a file of procedures; importing it again changes nothing and emits nothing', async () => {
      const items = Array.from({ length: 30 }, (_, i) => ({
        code: `2.00${2000 + i}`,
        decision: decision('77/QĐ-UBND', '2026-01-10', '2026-01-20'),
        procedure: procedureContent({ name: `Thủ tục nhập khẩu số ${i}` }),
      }));
      items.push({ code: '2.009999', decision: decision(), procedure: procedureContent({ fieldCode: 'NOPE' }) });
      const first = await api().post('/api/v1/procedures/imports').set('authorization', stack.adminAuth).send({ items }).expect(200);
      expect(first.body).toMatchObject({ published: 30, amended: 0, unchanged: 0, refused: 1 });
      expect(first.body.items[30]).toMatchObject({ code: '2.009999', outcome: 'refused', problem: { code: 'invalid-procedure' } });
      const eventsBefore = await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`);
      const versionsBefore = await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`);
      const again = await api().post('/api/v1/procedures/imports').set('authorization', stack.adminAuth).send({ items: items.slice(0, 30) }).expect(200);
      expect(again.body).toMatchObject({ published: 0, amended: 0, unchanged: 30, refused: 0 });
      expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`)).toBe(eventsBefore);
      expect(await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`)).toBe(versionsBefore);
    });
  });

  describe('concurrent retries of the national portal upsert', () => {
    const code = '2.001200';
    const put = (procedure: Record<string, unknown>) =>
      api().put(`/api/v1/sync/procedures/${code}`).set('authorization', stack.adminAuth).send({ decision: decision('56/QĐ-BGTVT', '2026-02-01', '2026-02-01'), procedure });
    const events = () => queryDatabase<{ type: string }>(stack.databaseUrl, `SELECT type FROM catalog.outbox_events WHERE payload->>'code' = $1 ORDER BY seq`, [code]);

    it('publishes once when retries of an unknown code arrive together', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => put(procedureContent({ name: 'Gia hạn phù hiệu xe' }))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(answers.filter((a) => a.body.outcome === 'published')).toHaveLength(1);
      expect((await events()).map((e) => e.type)).toEqual(['ProcedurePublished']);
    });

    it('amends once when retries of a changed item arrive together: one new version, one event', async () => {
      const changed = procedureContent({ name: 'Gia hạn phù hiệu xe', fees: [{ name: 'Lệ phí cấp lại', amountVnd: 115000 }] });
      const answers = await Promise.all(Array.from({ length: 8 }, () => put(changed)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(answers.map((a) => a.body.outcome).sort()).toEqual(['amended', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
      expect(answers.every((a) => a.body.version.versionNo === 2)).toBe(true);
      expect(await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions WHERE code = '${code}'`)).toBe(2);
      expect((await events()).map((e) => e.type)).toEqual(['ProcedurePublished', 'ProcedureAmended']);
    });
  });

  describe('bulk import of a province', () => {
    it('takes more than 1,000 items in one file (a province has about 2,000)', async () => {
      const items = Array.from({ length: 1001 }, (_, i) => ({
        code: `2.0${String(30000 + i).padStart(5, '0')}`,
        decision: decision('78/QĐ-UBND', '2026-01-10', '2026-01-20'),
        procedure: procedureContent({ name: `Thủ tục ${i}`, fieldCode: 'NOPE' }),
      }));
      const response = await api().post('/api/v1/procedures/imports').set('authorization', stack.adminAuth).send({ items }).expect(200);
      expect(response.body).toMatchObject({ published: 0, refused: 1001 });
      expect(await count(`SELECT count(*)::int AS n FROM catalog.procedures WHERE code LIKE '2.03%'`)).toBe(0);
    });
  });

  describe('search and browse', () => {
    beforeAll(async () => {
      const admin = (body: object) => api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(201);
      await admin(publishBody('1.005001', { name: 'Cấp giấy phép lái xe quốc tế', onlineLevel: 3, onlineMode: 'partial', onTheSpotEligible: true }));
      await admin(publishBody('1.005002', { name: 'Đăng ký khai sinh có yếu tố nước ngoài', onlineLevel: 2, onlineMode: 'none' }));
      await admin(publishBody('1.005003', { name: 'Cấp đổi giấy phép lái xe', onlineLevel: 4, onlineMode: 'full', onlineOnlyListed: true }));
    });

    it('finds Vietnamese names typed without diacritics, in any case, word by word', async () => {
      const response = await api().get('/api/v1/procedures?q=cap%20giay%20phep%20lai%20xe').expect(200);
      const names = response.body.items.map((p: { name: string }) => p.name);
      // The abolished 'Cấp giấy phép lái xe' (1.004001) is left out of default searches.
      expect(names.sort()).toEqual(['Cấp giấy phép lái xe quốc tế', 'Cấp đổi giấy phép lái xe']);
      expect(names).not.toContain('Đăng ký khai sinh có yếu tố nước ngoài');
      const stroke = await api().get('/api/v1/procedures?q=DANG%20KY%20khai').expect(200);
      expect(stroke.body.items.map((p: { code: string }) => p.code)).toEqual(['1.005002']);
      const wildcard = await api().get('/api/v1/procedures?q=%25').expect(200);
      expect(wildcard.body.items).toEqual([]);
    });

    it('filters by online level, flags, field and agency, and finds by code prefix', async () => {
      const level2 = await api().get('/api/v1/procedures?onlineLevel=2').expect(200);
      expect(level2.body.items.map((p: { code: string }) => p.code)).toEqual(['1.005002']);
      const spot = await api().get('/api/v1/procedures?onTheSpotEligible=true').expect(200);
      expect(spot.body.items.map((p: { code: string }) => p.code)).toEqual(['1.005001']);
      const listed = await api().get(`/api/v1/procedures?onlineOnlyListed=true&fieldCode=${FIELD}&agencyCode=${SERVICE_CENTRE}`).expect(200);
      expect(listed.body.items.map((p: { code: string }) => p.code)).toEqual(['1.005003']);
      const byCode = await api().get('/api/v1/procedures?q=1.0050').expect(200);
      expect(byCode.body.items).toHaveLength(3);
      const bad = await api().get('/api/v1/procedures?onlineLevel=9&onTheSpotEligible=maybe').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['onTheSpotEligible', 'onlineLevel']);
    });

    it('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
      const first = await api().get('/api/v1/procedures/1.005001').expect(200);
      const etag = first.headers.etag;
      expect(etag).toBeDefined();
      await api().get('/api/v1/procedures/1.005001').set('if-none-match', etag).expect(304);
      const list = await api().get('/api/v1/procedures?onlineLevel=3').expect(200);
      await api().get('/api/v1/procedures?onlineLevel=3').set('if-none-match', list.headers.etag).expect(304);
      await api()
        .post('/api/v1/procedures/1.005001/amendments')
        .set('authorization', stack.adminAuth)
        .send({ decision: decision('9/QĐ', '2026-01-06', '2026-01-16'), procedure: procedureContent({ name: 'Cấp giấy phép lái xe quốc tế', onlineLevel: 3, onlineMode: 'partial', fees: [] }) })
        .expect(201);
      await api().get('/api/v1/procedures?onlineLevel=3').set('if-none-match', list.headers.etag).expect(200);
    });
  });

  describe('decisions effective later: search shows the version in force today', () => {
    const code = '1.006001';
    const upcoming = '1.006002';
    const promote = () => stack.app('catalog').get(ProcedurePromotionService).promoteDue();
    const search = async (query: string) => (await api().get(`/api/v1/procedures?${query}`).expect(200)).body.items as Array<Record<string, unknown>>;
    const admin = (path: string, body: object) => api().post(path).set('authorization', stack.adminAuth).send(body).expect(201);

    afterAll(() => clock.set(NOW));

    it('keeps showing the version in force after an amendment and an abolition decided for later dates', async () => {
      await admin('/api/v1/procedures', publishBody(code, { name: 'Cấp phép hoạt động bến thủy nội địa' }, decision('1/QĐ-UBND', '2026-08-20', '2026-09-01')));
      await admin(`/api/v1/procedures/${code}/amendments`, {
        decision: decision('2/QĐ-UBND', '2026-09-20', '2026-11-01'),
        procedure: procedureContent({ name: 'Cấp giấy phép bến thủy nội địa', onTheSpotEligible: true }),
      });
      await admin(`/api/v1/procedures/${code}/abolition`, { decision: decision('3/QĐ-UBND', '2026-09-25', '2026-12-01') });

      const [item] = await search(`q=${code}`);
      expect(item).toMatchObject({ code, status: 'active', versionNo: 1, name: 'Cấp phép hoạt động bến thủy nội địa', onTheSpotEligible: false, effectiveFrom: '2026-09-01', abolishedFrom: '2026-12-01' });
      expect(await search('q=ben%20thuy%20noi%20dia')).toEqual([expect.objectContaining({ code, versionNo: 1 })]);
      expect(await search('q=giay%20phep%20ben%20thuy')).toEqual([]);
      expect((await search('onTheSpotEligible=true')).map((p) => p.code)).not.toContain(code);
      expect((await search('status=abolished')).map((p) => p.code)).not.toContain(code);
      const today = await api().get(`/api/v1/procedures/${code}`).expect(200);
      expect(today.body).toMatchObject({ versionNo: 1, acceptsDossiers: true });
      const later = await api().get(`/api/v1/procedures/${code}?at=2026-11-01`).expect(200);
      expect(later.body).toMatchObject({ versionNo: 2, procedure: { name: 'Cấp giấy phép bến thủy nội địa' } });

      // Each decision is announced when it is recorded, with its effective date.
      const sent = await queryDatabase<{ type: string; effective_from: string }>(
        stack.databaseUrl,
        `SELECT type, payload->'decision'->>'effectiveFrom' AS effective_from FROM catalog.outbox_events WHERE payload->>'code' = $1 ORDER BY seq`,
        [code],
      );
      expect(sent).toEqual([
        { type: 'ProcedurePublished', effective_from: '2026-09-01' },
        { type: 'ProcedureAmended', effective_from: '2026-11-01' },
        { type: 'ProcedureAbolished', effective_from: '2026-12-01' },
      ]);
    });

    it('lists a procedure announced for a later date as upcoming, not among those in force', async () => {
      await admin('/api/v1/procedures', publishBody(upcoming, { name: 'Cấp phép vận tải thủy' }, decision('4/QĐ-UBND', '2026-09-28', '2026-11-15')));
      expect((await search('q=1.00600')).map((p) => p.code)).toEqual([code]);
      expect(await search('status=upcoming')).toEqual([expect.objectContaining({ code: upcoming, status: 'upcoming', versionNo: 1, effectiveFrom: '2026-11-15' })]);
      expect((await search('status=all&q=1.00600')).map((p) => p.code)).toEqual([code, upcoming]);
      const notYet = await api().get(`/api/v1/procedures/${upcoming}`).expect(404);
      expect(notYet.body.code).toBe('procedure-not-in-force');
    });

    it('puts each version in the search on its effective date, with nobody acting but the scheduled round', async () => {
      clock.set('2026-10-31T23:59:00+07:00');
      expect(await promote()).toBe(0);
      clock.set('2026-11-01T00:00:30+07:00');
      await promote();
      expect((await search(`q=${code}`))[0]).toMatchObject({ status: 'active', versionNo: 2, name: 'Cấp giấy phép bến thủy nội địa', onTheSpotEligible: true, effectiveFrom: '2026-11-01', abolishedFrom: '2026-12-01' });
      expect((await search('q=giay%20phep%20ben%20thuy')).map((p) => p.code)).toEqual([code]);
      expect((await search('onTheSpotEligible=true')).map((p) => p.code)).toContain(code);

      clock.set('2026-11-15T08:00:00+07:00');
      await promote();
      expect((await search('q=1.00600')).map((p) => p.code)).toEqual([code, upcoming]);
      expect(await search('status=upcoming')).toEqual([]);

      clock.set('2026-12-01T00:01:00+07:00');
      await promote();
      expect((await search('q=1.00600')).map((p) => p.code)).toEqual([upcoming]);
      expect((await search('status=abolished&q=1.00600'))).toEqual([expect.objectContaining({ code, status: 'abolished', versionNo: 3, abolishedFrom: '2026-12-01' })]);
      expect(await promote()).toBe(0);
      const gone = await api().get(`/api/v1/procedures/${code}`).expect(200);
      expect(gone.body).toMatchObject({ versionNo: 3, kind: 'abolished', acceptsDossiers: false });
    });

    it('gives reporting every version with its effective date, so its catalog on a day is the one in force then', async () => {
      const versions = await eventually(async () => {
        const rows = await queryDatabase<{ version_no: number; kind: string; effective_from: string }>(
          stack.databaseUrl,
          `SELECT version_no, kind, effective_from::text AS effective_from FROM reporting.procedure_versions WHERE code = $1 ORDER BY version_no`,
          [code],
        );
        return rows.length === 3 ? rows : undefined;
      }, 10000, 'reporting to record the three versions');
      expect(versions).toEqual([
        { version_no: 1, kind: 'version', effective_from: '2026-09-01' },
        { version_no: 2, kind: 'version', effective_from: '2026-11-01' },
        { version_no: 3, kind: 'abolition', effective_from: '2026-12-01' },
      ]);
    });
  });
});
