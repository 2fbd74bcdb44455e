import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DOSSIER_MEASURES } from '@onestop/domain';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, binary, caseOpened, counterDossier, DEPARTMENT, FIELD, OTHER_AGENCY, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const paper = { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép' };

/** Parses RFC 4180 CSV (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('reporting', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date('2026-03-16T10:00:00+07:00'));
  const api = () => request(stack.gatewayUrl);
  const codes: Record<string, { code: string; lookupSecret: string }> = {};
  let reception: string;
  let otherReception: string;
  let specialist: string;
  let leader: string;
  let otherLeader: string;
  let citizen: string;
  let postal: string;
  let provinceViewer: string;
  let departmentViewer: string;
  let centreLeader: string;

  const count = async (sql: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql))[0].n;
  /** Every event for reporting and intake delivered (and so applied: a delivery is marked after the 2xx). */
  const drained = () =>
    eventually(async () => {
      let pending = 0;
      for (const schema of ['catalog', 'intake', 'workflow', 'postal']) {
        pending += await count(`SELECT count(*)::int AS n FROM ${schema}.outbox_deliveries WHERE subscriber IN ('reporting', 'intake') AND delivered_at IS NULL`);
      }
      return pending === 0 ? true : undefined;
    }, 20000, 'every event to reach reporting and intake');
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const receive = async (name: string, auth: string, body: object) => {
    const dossier = (await api().post('/api/v1/dossiers').set('authorization', auth).send(body).expect(201)).body;
    codes[name] = dossier;
    await caseOpened(stack, dossier.code, stack.adminAuth);
    return dossier.code as string;
  };
  const report = async (path: string, auth = stack.adminAuth) => (await api().get(`/api/v1/reports/${path}`).set('authorization', auth).expect(200)).body;

  beforeAll(async () => {
    stack = await startStack({ SIMULATED_CARRIER_TICK_MS: '200' }, { clock });
    await seedCatalogBasics(stack);
    const admin = (path: string, body: object) => api().post(path).set('authorization', stack.adminAuth).send(body).expect(201);
    await admin('/api/v1/agencies', { code: OTHER_AGENCY, name: 'Sở Nội vụ', levelCode: 'province', parentCode: '000.00.00.H56' });
    await admin('/api/v1/procedures', publishBody('1.008001'));
    await admin('/api/v1/procedures', publishBody('1.008002', { name: 'Cấp bản sao giấy phép', onTheSpotEligible: true, processingTime: { value: 4, unit: 'working_hours' } }));
    await admin('/api/v1/procedures', publishBody('1.008003', { name: 'Công nhận tổ chức', onlineLevel: 2, onlineMode: 'none', competentAgencyCode: OTHER_AGENCY, receivingAgencyCodes: [OTHER_AGENCY], integratedNationalPortal: false }));
    await admin('/api/v1/procedures', publishBody('1.008004', { name: 'Gia hạn giấy phép', onlineLevel: 3, onlineMode: 'partial' }));
    reception = await stack.tokenFor({ subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    otherReception = await stack.tokenFor({ subject: 'reception.other', roles: ['reception'], agencyCodes: [OTHER_AGENCY] });
    centreLeader = await stack.tokenFor({ subject: 'leader.centre', roles: ['leader'], agencyCodes: [SERVICE_CENTRE] });
    specialist = await stack.tokenFor({ subject: 'specialist.dept', roles: ['specialist'], agencyCodes: [DEPARTMENT] });
    leader = await stack.tokenFor({ subject: 'leader.dept', roles: ['leader'], agencyCodes: [DEPARTMENT] });
    otherLeader = await stack.tokenFor({ subject: 'leader.other', roles: ['leader'], agencyCodes: [OTHER_AGENCY] });
    citizen = await stack.tokenFor({ subject: 'citizen-an', roles: ['citizen'] });
    postal = await stack.tokenFor({ subject: 'vnpost', roles: ['postal'] });
    provinceViewer = await stack.tokenFor({ subject: 'viewer.province', roles: ['viewer'] });
    departmentViewer = await stack.tokenFor({ subject: 'viewer.dept', roles: ['viewer'], agencyCodes: [DEPARTMENT] });

    // Monday 16 March 2026: seven dossiers on every channel.
    const d1 = await receive('finishedEarly', reception, counterDossier('1.008001', { resultDelivery: { method: 'post', address: APPLICANT.address } }));
    const d2 = await receive('supplementedThenLate', citizen, counterDossier('1.008001', { channel: 'online', resultDelivery: { method: 'online' } }));
    const d3 = await receive('onTheSpot', reception, counterDossier('1.008002'));
    const d4 = await receive('withdrawn', reception, counterDossier('1.008001'));
    const d5 = await receive('refused', postal, counterDossier('1.008001', { channel: 'post', resultDelivery: { method: 'post', address: APPLICANT.address } }));
    const d6 = await receive('leftOpen', reception, counterDossier('1.008001'));
    const d7 = await receive('stopped', otherReception, counterDossier('1.008003', { agencyCode: OTHER_AGENCY }));
    await act(reception, d3, { action: 'handle_on_the_spot', result: paper });
    // The online dossier is accepted by the desk as it arrives, so its time limit is the same.
    await act(reception, d2, { action: 'accept' });
    clock.set('2026-03-16T14:00:00+07:00');
    await act(reception, d1, { action: 'forward' });
    await act(reception, d2, { action: 'forward' });
    await act(otherLeader, d7, { action: 'stop', reason: 'Hồ sơ không thuộc thẩm quyền' });
    // Tuesday: a supplement asked for, a withdrawal, a refusal.
    clock.set('2026-03-17T10:00:00+07:00');
    await act(specialist, d2, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe' }] });
    await api().post(`/api/v1/dossiers/${d4}/withdrawal`).set('authorization', reception).send({ reason: 'Công dân xin rút' }).expect(200);
    await act(reception, d5, { action: 'refuse', reason: 'Hồ sơ không đủ điều kiện' });
    // Wednesday: the first dossier's result, sent by post.
    clock.set('2026-03-18T10:00:00+07:00');
    await act(specialist, d1, { action: 'appraise', opinion: 'Đủ điều kiện' });
    await act(leader, d1, { action: 'approve' });
    await act(reception, d1, { action: 'issue_result', result: paper });
    // Thursday: the supplement arrives (the due date moves out by the two days waited), ratings and complaints.
    clock.set('2026-03-19T10:00:00+07:00');
    await api().post(`/api/v1/dossiers/${d2}/supplements`).set('authorization', citizen).send({ documents: [{ requirement: 2 }] }).expect(200);
    await drained();
    await api().post(`/api/v1/dossiers/${d1}/rating?secret=${codes.finishedEarly.lookupSecret}`).send({ score: 5 }).expect(200);
    await api().post(`/api/v1/dossiers/${d3}/rating?secret=${codes.onTheSpot.lookupSecret}`).send({ score: 3 }).expect(200);
    const contact = { name: 'Nguyễn Văn An', phone: '0912345678' };
    await api().post('/api/v1/complaints').send({ agencyCode: DEPARTMENT, dossierCode: d6, lookupSecret: codes.leftOpen.lookupSecret, contact, subject: 'Chậm', content: 'Hồ sơ chậm.' }).expect(201);
    const general = (await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, contact, subject: 'Thái độ', content: 'Cán bộ chưa nhiệt tình.' }).expect(201)).body;
    clock.set('2026-03-20T10:00:00+07:00');
    await api().post(`/api/v1/complaints/${general.id}/answer`).set('authorization', reception).send({ answer: 'Đã chấn chỉnh.' }).expect(201);
    // April: the supplemented dossier is finished a day after its (moved) due date; the sixth stays open.
    clock.set('2026-04-02T10:00:00+07:00');
    await act(specialist, d2, { action: 'appraise', opinion: 'Đạt' });
    await act(leader, d2, { action: 'approve' });
    await act(reception, d2, { action: 'issue_result', result: { kind: 'electronic', documentNumber: 'GP-002' } });
    clock.set('2026-04-10T10:00:00+07:00');
    await drained();
  }, 120000);

  afterAll(async () => {
    await stack?.close();
  });

  it('balances March on form II.06a: received on every channel, finished early and on time, open, refused, stopped, withdrawn', async () => {
    const march = await report('dossier-balance?period=2026-03');
    expect(march.period).toEqual({ kind: 'month', label: '2026-03', from: '2026-03-01', to: '2026-03-31', asOf: '2026-04-01' });
    expect(march.total).toMatchObject({
      received: { total: 7, carriedOver: 0, newlyReceived: { total: 7, online: 1, counter: 5, post: 1 } },
      finished: { total: 2, early: 1, onTime: 1, late: 0 },
      // At the end of March: the supplemented one is within its moved due date (1 April); the sixth is past 30 March.
      inProgress: { total: 2, withinTime: 1, overdue: 1, awaitingSupplement: 0 },
      refused: 1,
      stopped: 1,
      withdrawn: 1,
      supplementRequested: 1,
      shares: { finishedOnTime: { numerator: 2, denominator: 2, ratio: 1 }, receivedOnline: { numerator: 1, denominator: 7, ratio: 1 / 7 } },
      balance: { handled: 7, accountedFor: 7, holds: true },
    });
    // In the middle of the supplement wait, the second dossier is neither within time nor overdue.
    const wait = await report('dossier-balance?from=2026-03-16&to=2026-03-17');
    expect(wait.total.inProgress).toEqual({ total: 3, withinTime: 2, overdue: 0, awaitingSupplement: 1 });
    expect(wait.total.balance.holds).toBe(true);
  });

  it('carries the open dossiers over into April, counts the late finish against the moved due date, and balances', async () => {
    const april = await report('dossier-balance?period=2026-04');
    expect(april.period.asOf).toBe('2026-04-11');
    expect(april.total).toMatchObject({
      received: { total: 2, carriedOver: 2, newlyReceived: { total: 0 } },
      finished: { total: 1, early: 0, onTime: 0, late: 1 },
      inProgress: { total: 1, withinTime: 0, overdue: 1 },
      balance: { handled: 2, accountedFor: 2, holds: true },
    });
    const quarter = await report('dossier-balance?period=2026-Q1');
    expect(quarter.total.inProgress).toEqual({ total: 2, withinTime: 1, overdue: 1, awaitingSupplement: 0 });
    const year = await report('dossier-balance?period=2026');
    expect(year.total).toMatchObject({ received: { total: 7, carriedOver: 0 }, finished: { total: 3, late: 1 }, inProgress: { total: 1 }, balance: { holds: true } });
  });

  it('breaks the 06a down per agency, field and procedure, the rows adding up to the total', async () => {
    const byAgency = await report('dossier-balance?period=2026-03&groupBy=agency');
    expect(byAgency.rows.map((r: { key: string }) => r.key)).toEqual([OTHER_AGENCY, DEPARTMENT].sort());
    expect(byAgency.rows.reduce((sum: number, r: { received: { total: number } }) => sum + r.received.total, 0)).toBe(7);
    const department = byAgency.rows.find((r: { key: string }) => r.key === DEPARTMENT);
    expect(department).toMatchObject({ received: { total: 6 }, stopped: 0, balance: { holds: true } });
    const byProcedure = await report('dossier-balance?period=2026-03&groupBy=procedure');
    expect(byProcedure.rows.find((r: { key: string }) => r.key === '1.008002')).toMatchObject({ name: 'Cấp bản sao giấy phép', finished: { onTime: 1 } });
    const field = await report(`dossier-balance?period=2026-03&field=${FIELD}&procedure=1.008001`);
    expect(field.total.received.total).toBe(5);
  });

  it('reports the online share, "4 tại chỗ", post, electronic results, satisfaction and complaints', async () => {
    const march = await report('indicators?period=2026-03');
    expect(march.total).toMatchObject({
      received: 7,
      channels: { online: 1, counter: 5, post: 1 },
      onlineShare: { numerator: 1, denominator: 7 },
      onTheSpot: { eligibleReceived: 1, handled: 1, handledShareOfEligible: { numerator: 1, denominator: 1, ratio: 1 }, eligibleProcedures: { numerator: 1, denominator: 4, ratio: 0.25 } },
      // The first dossier's result: handed to the post on Wednesday, and sent (postal registered its delivery) the same day.
      post: { receivedByPost: { numerator: 1, denominator: 7 }, resultsByPost: { numerator: 1, denominator: 2, ratio: 0.5 }, resultsSent: 1, resultsReturnedToAgency: 0 },
      results: { issued: 2, electronic: { numerator: 0, denominator: 2 } },
      satisfaction: { ratings: 2, averageScore: { numerator: 8, denominator: 2, ratio: 4 }, satisfied: { numerator: 1, denominator: 2, ratio: 0.5 } },
      complaints: { filed: 2, answered: 1, perDossierReceived: { numerator: 2, denominator: 7 } },
    });
    const byField = await report('indicators?period=2026-03&groupBy=procedure');
    expect(byField.rows.find((r: { key: string }) => r.key === '1.008001')).toMatchObject({ received: 5, complaints: { filed: 1 } });
    // Results sent by post, per agency and day: the department's, on Wednesday 18 March.
    const byAgency = await report('indicators?period=2026-03&groupBy=agency');
    const sentBy = (key: string) => byAgency.rows.find((r: { key: string }) => r.key === key)?.post.resultsSent;
    expect([sentBy(DEPARTMENT), sentBy(OTHER_AGENCY)]).toEqual([1, 0]);
    expect((await report('indicators?from=2026-03-18&to=2026-03-18')).total.post.resultsSent).toBe(1);
    expect((await report('indicators?from=2026-03-16&to=2026-03-17')).total.post.resultsSent).toBe(0);
    const [fact] = await queryDatabase<{ sent_by_post_at: Date }>(stack.databaseUrl, `SELECT sent_by_post_at FROM reporting.dossier_facts WHERE dossier_code = $1`, [codes.finishedEarly.code]);
    expect(new Date(fact.sent_by_post_at).getTime()).toBe(Date.parse('2026-03-18T10:00:00+07:00'));
    const csv = await api().get('/api/v1/reports/indicators?period=2026-03&format=csv').set('authorization', stack.adminAuth).expect(200);
    const lines = parseCsv(csv.text.slice(1));
    expect(lines.find((r) => r[0] === 'Kết quả gửi qua bưu chính')?.[1]).toBe('1');
    expect(lines.find((r) => r[0] === 'Kết quả bưu chính chuyển trả cơ quan (không phát được)')?.[1]).toBe('0');
  });

  it('counts a result the post delivered, from postal\'s events', async () => {
    const delivered = await eventually(async () => {
      const body = await report('indicators?period=2026');
      return body.total.post.resultsDeliveredByPost.numerator === 1 ? body : undefined;
    }, 30000, 'the simulated carrier to deliver the result and reporting to count it');
    expect(delivered.total.post.resultsDeliveredByPost).toEqual({ numerator: 1, denominator: 1, ratio: 1 });
    // Sent, delivered and back at the agency side by side.
    expect(delivered.total.post).toMatchObject({ resultsSent: 1, resultsDelivered: 1, resultsReturnedToAgency: 0 });
  });

  it('gives the online-service catalog statistics, publicly, and the usage share to report readers', async () => {
    const publicView = (await api().get('/api/v1/reports/online-services?period=2026-03').expect(200)).body;
    expect(publicView).toMatchObject({
      procedures: 4,
      catalogDate: '2026-03-31',
      shares: {
        onlineServices: { numerator: 3, denominator: 4, ratio: 0.75 },
        level4AmongOnlineServices: { numerator: 2, denominator: 3 },
        fullOnline: { numerator: 2, denominator: 4, ratio: 0.5 },
        partialOnline: { numerator: 1, denominator: 4 },
        integratedNationalPortal: { numerator: 3, denominator: 4 },
      },
      onlineServicesWithOnlineDossier: null,
    });
    expect(publicView.byLevel.find((l: { level: number }) => l.level === 4)).toEqual({ level: 4, procedures: 2, percent: 50 });
    const readerView = await report('online-services?period=2026-03', provinceViewer);
    expect(readerView.onlineServicesWithOnlineDossier).toEqual({ numerator: 1, denominator: 3, ratio: 1 / 3 });
    // Before the procedures took effect (15 January 2026), the catalog was empty.
    const before = await report('online-services?from=2026-01-01&to=2026-01-10', provinceViewer);
    expect(before.procedures).toBe(0);
  });

  it('shows targets against actuals, seeded with Hải Phòng 2022 and editable by an administrator only', async () => {
    const seeded = (await api().get('/api/v1/targets').set('authorization', provinceViewer).expect(200)).body;
    expect(seeded.items.map((t: { metric: string; value: number; year: number }) => `${t.year} ${t.metric} ${t.value}`)).toEqual([
      '2022 dossiersOnline 0.6',
      '2022 level4AmongOnlineServices 1',
      '2022 onlineServicesWithOnlineDossier 0.8',
    ]);
    const before = await report('targets?period=2026-03');
    expect(before.items.find((i: { metric: string }) => i.metric === 'dossiersOnline')).toMatchObject({
      target: { value: 0.6, setForYear: 2022, agencyCode: null },
      actual: { numerator: 1, denominator: 7 },
      met: false,
    });
    await api().put('/api/v1/targets').set('authorization', leader).send({ year: 2026, targets: [{ metric: 'dossiersOnline', value: 0.1 }] }).expect(403);
    const bad = await api().put('/api/v1/targets').set('authorization', stack.adminAuth).send({ year: 2026, targets: [{ metric: 'dossiersOnline', value: 1.5 }] }).expect(400);
    expect(bad.body.errors[0].field).toBe('targets[0].value');
    const set = await api().put('/api/v1/targets').set('authorization', stack.adminAuth).send({ year: 2026, targets: [{ metric: 'dossiersOnline', value: 0.1 }, { metric: 'finishedOnTime', value: 0.9 }] }).expect(200);
    expect(set.body.items).toHaveLength(2);
    const after = await report('targets?period=2026-03');
    const online = after.items.find((i: { metric: string }) => i.metric === 'dossiersOnline');
    expect(online).toMatchObject({ target: { value: 0.1, setForYear: 2026 }, met: true });
    expect(online.gap).toBeCloseTo(1 / 7 - 0.1, 12);
    expect(after.items.find((i: { metric: string }) => i.metric === 'finishedOnTime')).toMatchObject({ actual: { numerator: 2, denominator: 2, ratio: 1 }, met: true });
    expect(after.items.find((i: { metric: string }) => i.metric === 'onlineServicesWithOnlineDossier')).toMatchObject({ target: { value: 0.8 }, actual: { numerator: 1, denominator: 3 }, met: false });
  });

  it('computes the Decision 766 service index from the facts, each figure traceable to its numerator and denominator', async () => {
    const index = await report('service-index?period=2026-03');
    const component = (key: string) => index.components.find((c: { key: string }) => c.key === key);
    expect(index).toMatchObject({ decision: '766/QĐ-TTg', maxPoints: 100, measuredMaxPoints: 100 });
    expect(component('online.dossiersOnline')).toMatchObject({ measure: { numerator: 1, denominator: 7 }, maxPoints: 8, fullMarksAt: 0.5 });
    expect(component('online.dossiersOnline').points).toBeCloseTo((8 * (1 / 7)) / 0.5, 12);
    expect(component('online.proceduresOnline')).toMatchObject({ measure: { numerator: 3, denominator: 4, ratio: 0.75 } });
    // Finished early or on time (2) + within time at the end (1), of finished (2) + in progress (2).
    expect(component('progress.onTime').measure).toEqual({ numerator: 3, denominator: 4, ratio: 0.75 });
    expect(component('satisfaction').parts).toEqual({ overdue: { numerator: 1, denominator: 4, ratio: 0.25 }, complained: { numerator: 2, denominator: 7, ratio: 2 / 7 } });
    // Each of the seven dossiers had its fee asked through payment; none was paid online.
    expect(component('online.payment')).toMatchObject({ measure: { numerator: 0, denominator: 7, ratio: 0 }, points: 0 });
    // Measured: none of these dossiers had a document digitised or reused.
    expect(component('digitisation.documents')).toMatchObject({ measure: { numerator: 0, denominator: 7, ratio: 0 }, points: 0 });
    expect(index.points).toBeCloseTo(index.components.reduce((sum: number, c: { points: number | null }) => sum + (c.points ?? 0), 0), 12);

    const config = (await api().get('/api/v1/targets/service-index').set('authorization', leader).expect(200)).body;
    expect(config.totalPoints).toBe(100);
    const changed = config.components.map((c: { key: string; points: number; fullMarksAt: number }) => ({ key: c.key, points: c.points, fullMarksAt: c.key === 'online.dossiersOnline' ? 0.1 : c.fullMarksAt }));
    const wrongTotal = await api().put('/api/v1/targets/service-index').set('authorization', stack.adminAuth).send({ components: changed.map((c: { points: number }, i: number) => (i === 0 ? { ...c, points: c.points + 1 } : c)) }).expect(400);
    expect(wrongTotal.body.errors[0]).toMatchObject({ field: 'components' });
    await api().put('/api/v1/targets/service-index').set('authorization', stack.adminAuth).send({ components: changed }).expect(200);
    const reweighed = await report('service-index?period=2026-03');
    expect(reweighed.components.find((c: { key: string }) => c.key === 'online.dossiersOnline')).toMatchObject({ fullMarksAt: 0.1, points: 8 });
  });

  it('opens every figure onto the dossiers it counts, through the gateway, each with why it is there', async () => {
    const list = async (link: string, auth = stack.adminAuth) => (await api().get(link).set('authorization', auth).expect(200)).body;
    const april = await report('dossier-balance?period=2026-04');
    // April is not over (today is the 10th): the figures, and so the list, cover the days up to today.
    expect(april.total.links.finishedLate).toBe('/api/v1/reports/dossier-balance/dossiers?from=2026-04-01&to=2026-04-10&column=finishedLate');
    const late = await list(april.total.links.finishedLate);
    expect(late).toMatchObject({ items: [{ code: codes.supplementedThenLate.code, procedureCode: '1.008001', channel: 'online', state: 'finished' }], nextCursor: null });
    // Late by working time on catalog's calendar, against the due date the supplement wait moved out.
    const [item] = late.items;
    expect(item.workingMinutesLate).toBeGreaterThan(0);
    expect(item.workingMinutesLate).toBeLessThanOrEqual(2 * 8 * 60);
    expect(item.reason).toContain(`after its due date ${item.dueAt} (late by ${Math.round(item.workingMinutesLate / 6) / 10} working hours)`);
    expect(item.finishedAt).toMatch(/^2026-04-02T10:00:00(\.\d+)?\+07:00$/);
    const open = await list(april.total.links.inProgressOverdue);
    expect(open.items.map((i: { code: string }) => i.code)).toEqual([codes.leftOpen.code]);
    expect(open.items[0].reason).toMatch(/overdue since/);

    // Every count of every row, each list as long as its figure.
    const march = await report('dossier-balance?period=2026-03&groupBy=agency');
    for (const row of march.rows) {
      expect((await list(row.links.received)).items).toHaveLength(row.received.newlyReceived.total);
      expect((await list(row.links.refused)).items).toHaveLength(row.refused);
      expect((await list(row.links.inProgress)).items).toHaveLength(row.inProgress.total);
    }
    const wait = await list('/api/v1/reports/dossier-balance/dossiers?from=2026-03-16&to=2026-03-17&column=awaitingSupplement');
    expect(wait.items.map((i: { code: string }) => i.code)).toEqual([codes.supplementedThenLate.code]);
    expect(wait.items[0].awaitingSupplementSince).toMatch(/^2026-03-17T10:00:00(\.\d+)?\+07:00$/);
    const indicators = await report('indicators?period=2026-03');
    expect((await list(indicators.total.links.handledOnTheSpot)).items.map((i: { code: string }) => i.code)).toEqual([codes.onTheSpot.code]);
    const ratings = await list(indicators.total.links.ratings);
    expect(ratings.items.map((i: { ratingScore: number }) => i.ratingScore).sort()).toEqual([3, 5]);
    const index = await report('service-index?period=2026-03');
    const progress = index.components.find((c: { key: string }) => c.key === 'progress.onTime');
    expect((await list(progress.links.numerator)).items).toHaveLength(progress.measure.numerator);
    expect((await list(progress.links.denominator)).items).toHaveLength(progress.measure.denominator);

    // A reader restricted to an agency gets that agency's dossiers only, as in the report; no sign-in, no list.
    const theirs = await list('/api/v1/reports/dossier-balance/dossiers?period=2026-03&column=received', otherLeader);
    expect(theirs.items.map((i: { code: string }) => i.code)).toEqual([codes.stopped.code]);
    await api().get(`/api/v1/reports/dossier-balance/dossiers?period=2026-03&column=received&agency=${DEPARTMENT}`).set('authorization', otherLeader).expect(403);
    await api().get('/api/v1/reports/dossier-balance/dossiers?period=2026-03&column=received').expect(401);
    await api().get('/api/v1/reports/dossier-balance/dossiers?period=2026-03&column=received').set('authorization', citizen).expect(403);
  });

  it('publishes open statistics per agency and month to anyone, small counts suppressed, cacheable', async () => {
    const answer = await api().get('/api/v1/reports/open-statistics?year=2026').expect(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=900');
    expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const march = answer.body.rows.filter((r: { month: string }) => r.month === '2026-03');
    expect(answer.body).toMatchObject({ year: 2026, asOf: '2026-04-11', minimumCount: 5 });
    // The province: 7 received (shown), 2 finished (fewer than 5: not shown), 1 of 7 online (would single one out).
    expect(march[0]).toEqual({ agencyCode: null, month: '2026-03', received: 7, finished: null, finishedOnTime: null, onlineShare: null, onTheSpotShare: null, satisfaction: null });
    expect(march.find((r: { agencyCode: string }) => r.agencyCode === DEPARTMENT)).toMatchObject({ received: 6 });
    expect(march.find((r: { agencyCode: string }) => r.agencyCode === OTHER_AGENCY)).toMatchObject({ received: null });
    const text = JSON.stringify(answer.body);
    for (const dossier of Object.values(codes)) expect(text).not.toContain(dossier.code);
    expect(text).not.toContain('Nguyễn Văn An');

    const again = await api().get('/api/v1/reports/open-statistics?year=2026').set('if-none-match', answer.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(answer.headers.etag);
    const csv = await api().get('/api/v1/reports/open-statistics?year=2026').set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers.etag).not.toBe(answer.headers.etag);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows[0]).toEqual(['Tháng', 'Cơ quan giải quyết', 'Hồ sơ tiếp nhận', 'Đã giải quyết', 'Giải quyết trước hạn, đúng hạn', 'Tỷ lệ hồ sơ trực tuyến', 'Tỷ lệ giải quyết "4 tại chỗ"', 'Tỷ lệ hài lòng']);
    expect(rows.find((r) => r[0] === '2026-03' && r[1] === 'Toàn tỉnh')).toEqual(['2026-03', 'Toàn tỉnh', '7', '', '', '', '', '']);
    const future = await api().get('/api/v1/reports/open-statistics?year=2031').expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'year' })]);
  });

  it('exports every report as CSV and XLSX with Vietnamese headers and no personal data', async () => {
    const csv = await api().get('/api/v1/reports/dossier-balance?period=2026-03&groupBy=agency').set('authorization', stack.adminAuth).set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('bao-cao-06a-2026-03.csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows[0].slice(0, 4)).toEqual(['Cơ quan giải quyết', 'Tổng số hồ sơ nhận giải quyết', 'Từ kỳ trước chuyển sang', 'Mới tiếp nhận: tổng số']);
    const total = rows.find((r) => r[0] === 'Tổng cộng')!;
    expect(Number(total[1])).toBe(7);
    expect(rows.filter((r) => r.length > 1)).toHaveLength(1 + 2 + 1);
    expect(csv.text).not.toContain('Nguyễn Văn An');
    expect(csv.text).not.toContain('0912345678');

    for (const path of ['dossier-balance?period=2026-03', 'indicators?period=2026-03', 'service-index?period=2026-03', 'targets?period=2026-03', 'online-services?period=2026-03']) {
      const viaQuery = await api().get(`/api/v1/reports/${path}&format=csv`).set('authorization', stack.adminAuth).expect(200);
      expect(viaQuery.headers['content-type']).toMatch(/^text\/csv/);
      expect(parseCsv(viaQuery.text.slice(1)).length).toBeGreaterThan(1);
      const xlsx = await api().get(`/api/v1/reports/${path}`).set('authorization', stack.adminAuth).set('accept', XLSX).buffer(true).parse(binary).expect(200);
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
      expect(workbook.worksheets[workbook.worksheets.length - 1].name).toBe('Thông tin');
    }
    const xlsx = await api().get('/api/v1/reports/dossier-balance?period=2026-03&format=xlsx').set('authorization', stack.adminAuth).buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Mẫu II.06a', 'Thông tin']);
    const sheet = workbook.getWorksheet('Mẫu II.06a')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Tổng số hồ sơ nhận giải quyết');
    expect(sheet.getRow(1).getCell(8).value).toBe('Đã giải quyết: tổng số');
    expect(sheet.getRow(2).getCell(1).value).toBe('Tổng cộng');
    // Each count is a hyperlink to its list (HYPERLINK with the count as its value, so it still sums).
    expect(sheet.getRow(2).getCell(2).value).toEqual({
      formula: `HYPERLINK("${stack.gatewayUrl}/api/v1/reports/dossier-balance/dossiers?from=2026-03-01&to=2026-03-31&column=handled",7)`,
      result: 7,
    });
    const info = workbook.getWorksheet('Thông tin')!;
    expect(info.getColumn(1).values).toEqual(expect.arrayContaining(['Kỳ báo cáo', 'Phạm vi']));
  });

  it('lets viewers, leaders and admins read reports, each within their agencies', async () => {
    await api().get('/api/v1/reports/dossier-balance?period=2026-03').expect(401);
    const forbidden = await api().get('/api/v1/reports/dossier-balance?period=2026-03').set('authorization', citizen).expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    await api().get('/api/v1/reports/dossier-balance?period=2026-03').set('authorization', reception).expect(403);
    // A viewer of the department sees the dossiers it decides (six), not the other agency's.
    const department = await report('dossier-balance?period=2026-03', departmentViewer);
    expect(department.scope.restrictedToAgencies).toEqual([DEPARTMENT]);
    expect(department.total.received.total).toBe(6);
    expect(department.total.stopped).toBe(0);
    const notYours = await api().get(`/api/v1/reports/dossier-balance?period=2026-03&agency=${OTHER_AGENCY}`).set('authorization', departmentViewer).expect(403);
    expect(notYours.body).toMatchObject({ code: 'agency-not-yours', errors: [{ field: 'agency' }] });
    // The centre's leader sees the dossiers it received.
    expect((await report('dossier-balance?period=2026-03', centreLeader)).total.received.total).toBe(6);
    // A viewer without agencies (the province's staff) and the administrator see the whole province.
    expect((await report('dossier-balance?period=2026-03', provinceViewer)).total.received.total).toBe(7);
    expect((await report(`dossier-balance?period=2026-03&agency=${OTHER_AGENCY}`)).total).toMatchObject({ received: { total: 1 }, stopped: 1 });
    // Complaints follow the agency they were filed with.
    expect((await report('indicators?period=2026-03', departmentViewer)).total.complaints.filed).toBe(1);
  });

  it('refuses a bad period with a 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['period=2026-Q5', 'period'],
      ['period=2026&from=2026-01-01', 'period'],
      ['from=2026-01-01', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-03-10&to=2026-03-01', 'to'],
      ['period=2027', 'period'],
      ['groupBy=colour', 'groupBy'],
      ['agency=H56', 'agency'],
      ['format=docx', 'format'],
    ];
    for (const [query, field] of cases) {
      const response = await api().get(`/api/v1/reports/dossier-balance?${query}`).set('authorization', stack.adminAuth).expect(400);
      expect({ query, code: response.body.code, fields: response.body.errors.map((e: { field: string }) => e.field) }).toMatchObject({ query, code: 'validation-failed', fields: expect.arrayContaining([field]) });
    }
  });

  it('serves each service\'s events since a cursor to services only', async () => {
    await request(stack.urlOf('intake')).get('/internal/events').expect(401);
    const first = (await request(stack.urlOf('intake')).get('/internal/events?limit=3&types=DossierReceived').set('x-service-token', stack.serviceToken).expect(200)).body;
    expect(first.items).toHaveLength(3);
    expect(first.items.every((e: { type: string; source: string }) => e.type === 'DossierReceived' && e.source === 'intake')).toBe(true);
    expect(first.more).toBe(true);
    const next = (await request(stack.urlOf('intake')).get(`/internal/events?after=${first.nextAfter}&limit=1000&types=DossierReceived`).set('x-service-token', stack.serviceToken).expect(200)).body;
    expect(next.items[0].seq).toBeGreaterThan(first.nextAfter);
    expect(first.items.length + next.items.length).toBe(7);
    await request(stack.urlOf('intake')).get('/internal/events?after=-1').set('x-service-token', stack.serviceToken).expect(400);
  });

  it('rebuilds its tables from the services\' events and reproduces every report', async () => {
    const reports = [
      'dossier-balance?period=2026-03&groupBy=procedure',
      'dossier-balance?period=2026-04&groupBy=agency',
      'dossier-balance?from=2026-03-16&to=2026-03-17',
      'indicators?period=2026&groupBy=field',
      'service-index?period=2026-03',
      'targets?period=2026-Q1',
      'online-services?period=2026-03',
    ];
    const snapshot = async () => Promise.all(reports.map((path) => report(path)));
    const tables = async () => ({
      facts: await queryDatabase(stack.databaseUrl, `SELECT dossier_code, received_at, channel, competent_agency_code, statuses, withdrawn_at, result_ready_at, rating_score, sent_by_post_at, delivered_by_post_at, returned_to_agency_by_post_at, state, closed_at, finish_class, due_at, applied FROM reporting.dossier_facts ORDER BY dossier_code`),
      rollup: await queryDatabase(stack.databaseUrl, `SELECT * FROM reporting.dossier_rollup WHERE ${DOSSIER_MEASURES.map((m) => `abs(${m})`).join(' + ')} <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
      complaints: await queryDatabase(stack.databaseUrl, `SELECT * FROM reporting.complaint_rollup WHERE filed <> 0 OR answered <> 0 ORDER BY 1, 2, 3, 4, 5, 6`),
    });
    await drained();
    const before = await snapshot();
    const tablesBefore = await tables();
    await api().post('/api/v1/reports/rebuild').set('authorization', leader).expect(403);
    const started = await api().post('/api/v1/reports/rebuild').set('authorization', stack.adminAuth).expect(202);
    expect(started.body.status).toBe('running');
    const finished = await eventually(async () => {
      const run = (await api().get('/api/v1/reports/rebuild').set('authorization', stack.adminAuth).expect(200)).body;
      return run.status === 'running' ? undefined : run;
    }, 30000, 'the rebuild to finish');
    expect(finished).toMatchObject({ status: 'succeeded', error: null });
    expect(finished.events.intake).toBeGreaterThanOrEqual(7);
    expect(finished.events.catalog).toBe(4);
    // Postal's events are replayed too: the result delivery's ShipmentRegistered and its status changes.
    expect(finished.events.postal).toBeGreaterThanOrEqual(2);
    expect(await snapshot()).toEqual(before);
    expect(await tables()).toEqual(tablesBefore);
  });
});
