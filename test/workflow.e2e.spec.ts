import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock, OutboxRelay } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import {
  caseOpened,
  CITIZEN_AN,
  counterDossier,
  DEPARTMENT,
  MAIN_FLOW_OFFICERS,
  MONDAY_10AM,
  PROVINCE,
  publishBody,
  receiveDossier,
  seedCatalogBasics,
  SERVICE_CENTRE,
  signIn,
} from './fixtures/index.js';

const paper = { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' };

describe('processing workflow', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let as: Record<keyof typeof MAIN_FLOW_OFFICERS | 'otherSpecialist' | 'citizen' | 'outsider', string>;

  const receive = (procedureCode: string, auth = as.reception, overrides: Record<string, unknown> = {}) => receiveDossier(stack, auth, counterDossier(procedureCode, overrides), as.reception);
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body);
  const dossierStatus = (code: string, status: string) =>
    eventually(async () => {
      const response = await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception);
      return response.body.status === status ? response.body : undefined;
    }, 10000, `intake to show ${status}`);

  beforeAll(async () => {
    stack = await startStack({ LATENESS_SWEEP_MS: '300' }, { clock });
    await seedCatalogBasics(stack);
    const admin = (body: object) => api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(201);
    await admin(publishBody('1.007001'));
    await admin(publishBody('1.007002', { name: 'Cấp bản sao giấy phép', onTheSpotEligible: true, processingTime: { value: 4, unit: 'working_hours' } }));
    as = await signIn(stack, { ...MAIN_FLOW_OFFICERS, otherSpecialist: { subject: 'specialist.dept.2', roles: ['specialist'], agencyCodes: [DEPARTMENT] }, citizen: CITIZEN_AN, outsider: { subject: 'specialist.other', roles: ['specialist'], agencyCodes: ['000.00.09.H56'] } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  it('opens a case per received dossier with the default steps, once', async () => {
    const { code } = await receive('1.007001');
    const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body;
    expect(view).toMatchObject({ state: 'in_step', dossierStatus: 'accepted', nationalStatusCode: 2, dueAt: '2026-03-30T10:00:00+07:00', lateness: 'on_time' });
    expect(view.steps.map((s: { kind: string; agencyCode: string }) => `${s.kind}@${s.agencyCode}`)).toEqual([
      `receive@${SERVICE_CENTRE}`,
      `appraise@${DEPARTMENT}`,
      `approve@${DEPARTMENT}`,
      `return@${SERVICE_CENTRE}`,
    ]);
    expect(view.steps.reduce((sum: number, s: { allottedMinutes: number }) => sum + s.allottedMinutes, 0)).toBe(4800);
    // The step's own clock: reception's 5 % (240 working minutes) from the start, so 16:00 today.
    expect(view.currentStep).toMatchObject({ kind: 'receive', allottedMinutes: 240, dueAt: '2026-03-16T16:00:00+07:00', overdue: false });
    const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM workflow.cases WHERE dossier_code = $1`, [code]);
    expect(n).toBe(1);
    await api().get(`/api/v1/cases/${code}`).set('authorization', as.outsider).expect(404);
  });

  it('runs receive → appraise → approve → return, timing each step, and intake follows every status', async () => {
    const { code } = await receive('1.007001');
    clock.set('2026-03-16T14:00:00+07:00');
    const forwarded = await act(as.reception, code, { action: 'forward', note: 'Chuyển Sở GTVT' }).expect(200);
    expect(forwarded.body).toMatchObject({ dossierStatus: 'processing', currentStep: { kind: 'appraise', agencyCode: DEPARTMENT } });
    // 10:00-11:30 and 13:30-14:00: two working hours at reception.
    expect(forwarded.body.steps[0]).toMatchObject({ spentMinutes: 120, officer: 'reception.centre' });
    await dossierStatus(code, 'processing');

    await act(as.specialist, code, { action: 'claim' }).expect(200);
    // The appraise step ends with the appraisal opinion, the approve step with the decision: no forwarding past them.
    const unappraised = await act(as.specialist, code, { action: 'forward' }).expect(409);
    expect(unappraised.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', currentStepKind: 'appraise' });
    expect(unappraised.body.detail).toContain('appraise step');
    const taken = await act(as.otherSpecialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(403);
    expect(taken.body.code).toBe('assigned-to-another');
    clock.set('2026-03-18T10:00:00+07:00');
    await act(as.specialist, code, { action: 'appraise', opinion: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt' }).expect(200);
    const unapproved = await act(as.leader, code, { action: 'forward' }).expect(409);
    expect(unapproved.body).toMatchObject({ code: 'action-not-allowed', currentStepKind: 'approve' });
    const early = await act(as.reception, code, { action: 'issue_result', result: paper }).expect(409);
    expect(early.body).toMatchObject({ code: 'action-not-allowed', currentStepKind: 'approve' });
    clock.set('2026-03-19T10:00:00+07:00');
    await act(as.leader, code, { action: 'approve' }).expect(200);
    clock.set('2026-03-20T10:00:00+07:00');
    const issued = await act(as.reception, code, { action: 'issue_result', result: paper }).expect(200);
    expect(issued.body).toMatchObject({ state: 'result_ready', dossierStatus: 'processed', nationalStatusCode: 9, outcome: { kind: 'result', documentNumber: '125/GP-SGTVT' } });
    expect(issued.body.spentMinutes).toBe(4 * 480);
    await dossierStatus(code, 'processed');
    await act(as.reception, code, { action: 'mark_returned' }).expect(200);
    const returned = await dossierStatus(code, 'returned');
    expect(returned.nationalStatusCode).toBe(10);

    const [ready] = await queryDatabase<{ payload: Record<string, unknown> }>(stack.databaseUrl, `SELECT payload FROM workflow.outbox_events WHERE type = 'ResultReady' AND payload->>'dossierCode' = $1`, [code]);
    expect(ready.payload).toMatchObject({ deliveryMethod: 'counter', resultKind: 'paper', agencyCode: SERVICE_CENTRE });
    const progress = (await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', as.reception).expect(200)).body.items;
    expect(progress.map((p: { nationalStatusCode: number }) => p.nationalStatusCode)).toEqual([2, 4, 4, 4, 9, 10]);
    expect(progress.find((p: { officerName: string | null }) => p.officerName === 'Trần Thị Bình')).toMatchObject({ officerTitle: 'Chuyên viên' });

    const sheet = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.leader).expect(200)).body;
    expect(sheet.entries.map((e: { action: string }) => e.action)).toEqual(['receive', 'forward', 'claim', 'appraise', 'approve', 'issue_result', 'mark_returned']);
    expect(sheet.entries[1]).toMatchObject({ fromUnit: SERVICE_CENTRE, fromOfficer: 'reception.centre', toUnit: DEPARTMENT, note: 'Chuyển Sở GTVT' });
    const pdf = await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.leader).set('accept', 'application/pdf').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    await expect(queryDatabase(stack.databaseUrl, `DELETE FROM workflow.handovers WHERE dossier_code = $1`, [code])).rejects.toThrow(/append-only/);
  });

  it('refuses an action the state does not allow with a 409 naming the state, and bad input with the field', async () => {
    const { code } = await receive('1.007001');
    const notHers = await act(as.leader, code, { action: 'forward' }).expect(403);
    expect(notHers.body.code).toBe('not-your-step');
    const wrong = await act(as.reception, code, { action: 'mark_returned' }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', currentStepKind: 'receive' });
    const noOpinion = await act(as.reception, code, { action: 'appraise' }).expect(400);
    expect(noOpinion.body.errors.map((e: { field: string }) => e.field)).toContain('opinion');
    const noDocs = await act(as.reception, code, { action: 'request_supplement', missingDocuments: [] }).expect(400);
    expect(noDocs.body.errors[0].field).toBe('missingDocuments');
    await act(as.reception, code, { action: 'dance' }).expect(400);
    await act(as.reception, code, { action: 'refuse', reason: 'Hồ sơ giả mạo' }).expect(200);
    const closed = await act(as.reception, code, { action: 'forward' }).expect(409);
    expect(closed.body).toMatchObject({ currentState: 'refused' });
    expect((await dossierStatus(code, 'refused')).nationalStatusCode).toBe(3);
  });

  it('stops the clock for a supplement and moves the dates out by the wait', async () => {
    const dossier = await receive('1.007001', as.citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    const code = dossier.code;
    await act(as.reception, code, { action: 'accept' }).expect(200);
    await act(as.reception, code, { action: 'forward' }).expect(200);
    clock.set('2026-03-17T10:00:00+07:00');
    const asked = await act(as.specialist, code, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }] }).expect(200);
    // Named in words as the procedure names its second document: it is that document.
    expect(asked.body).toMatchObject({ state: 'awaiting_supplement', dossierStatus: 'supplement_requested', supplementRequest: { documents: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe' }] } });
    await dossierStatus(code, 'supplement_requested');
    clock.set('2026-03-19T10:00:00+07:00'); // two working days later
    await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', as.citizen).send({ documents: [{ requirement: 2 }], note: 'Bổ sung giấy khám sức khỏe' }).expect(200);
    const resumed = await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.specialist)).body;
      return view.state === 'in_step' ? view : undefined;
    }, 10000, 'the case to resume');
    expect(resumed).toMatchObject({ waitedMinutes: 960, dueAt: '2026-04-01T10:00:00+07:00', appointmentAt: '2026-04-01T10:00:00+07:00', supplementRequest: null });
    // What was missing stays on the case after it resumes, with who asked, when, and when it was answered.
    expect(resumed.supplementRequests).toEqual([
      {
        requestedAt: '2026-03-17T10:00:00+07:00',
        requestedBy: 'specialist.dept',
        stepKind: 'appraise',
        agencyCode: DEPARTMENT,
        documents: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', note: 'Bản chính' }],
        answers: [{ receivedAt: '2026-03-19T10:00:00+07:00', items: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', quantity: 1, fileIds: [] }], note: 'Bổ sung giấy khám sức khỏe', complete: true }],
        outstanding: [],
        note: null,
        answeredAt: '2026-03-19T10:00:00+07:00',
        answerNote: 'Bổ sung giấy khám sức khỏe',
        waitedMinutes: 960,
      },
    ]);
    // The appraisal step's clock ran one working day before the request, not during the wait.
    expect(resumed.currentStep.spentMinutes).toBe(480);
    const shown = await eventually(async () => {
      const view = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.citizen)).body;
      return view.appointmentAt === '2026-04-01T10:00:00+07:00' ? view : undefined;
    }, 10000, 'intake to move the appointment');
    expect(shown.status).toBe('processing');
    // An electronic result for an online applicant is returned as it is issued.
    await act(as.specialist, code, { action: 'appraise', opinion: 'Đạt' }).expect(200);
    await act(as.leader, code, { action: 'approve' }).expect(200);
    const issued = await act(as.reception, code, { action: 'issue_result', result: { kind: 'electronic', documentNumber: 'GP-001' } }).expect(200);
    expect(issued.body.state).toBe('returned');
    await dossierStatus(code, 'returned');
  });

  it('keeps an online dossier newly registered (status 1) until reception accepts it, counting its time limit from then', async () => {
    const { code } = await receive('1.007001', as.citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    const registered = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body;
    expect(registered).toMatchObject({ state: 'in_step', awaitingAcceptance: true, acceptedAt: null, dossierStatus: 'registered', nationalStatusCode: 1 });
    expect((await dossierStatus(code, 'registered')).nationalStatusCode).toBe(1);
    const early = await act(as.reception, code, { action: 'forward' }).expect(409);
    expect(early.body.detail).toContain('not accepted yet');
    await act(as.specialist, code, { action: 'accept' }).expect(403);

    // Accepted the next morning: the statutory 10 working days count from the acceptance.
    clock.set('2026-03-17T08:00:00+07:00');
    const accepted = await act(as.reception, code, { action: 'accept' }).expect(200);
    expect(accepted.body).toMatchObject({ awaitingAcceptance: false, acceptedAt: '2026-03-17T08:00:00+07:00', dossierStatus: 'accepted', nationalStatusCode: 2, dueAt: '2026-03-31T08:00:00+07:00' });
    expect((await act(as.reception, code, { action: 'accept' }).expect(409)).body.code).toBe('action-not-allowed');
    const shown = await dossierStatus(code, 'accepted');
    expect(shown).toMatchObject({ nationalStatusCode: 2, appointmentAt: '2026-03-31T08:00:00+07:00' });
    const progress = (await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', as.citizen).expect(200)).body.items;
    expect(progress.map((p: { nationalStatusCode: number }) => p.nationalStatusCode)).toEqual([1, 2]);
    await act(as.reception, code, { action: 'forward' }).expect(200);
    // Closed again, so the department's worklist of later tests is theirs alone.
    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', as.citizen).send({ reason: 'Thử' }).expect(200);

    // Refused before acceptance: national status 3, form 03.
    const other = await receive('1.007001', as.citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    const refused = await act(as.reception, other.code, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' }).expect(200);
    expect(refused.body).toMatchObject({ state: 'refused', nationalStatusCode: 3 });
    // A counter dossier was checked at the desk: accepted on receipt.
    const counter = await receive('1.007001');
    expect((await api().get(`/api/v1/dossiers/${counter.code}`).set('authorization', as.reception).expect(200)).body).toMatchObject({ status: 'accepted', nationalStatusCode: 2 });
  });

  it('accepts online dossiers on submission for a procedure marked to', async () => {
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.007009', { name: 'Cấp bản sao trích lục hộ tịch', acceptsOnlineAutomatically: true })).expect(201);
    const { code } = await receive('1.007009', as.citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    expect((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body).toMatchObject({ awaitingAcceptance: false, dossierStatus: 'accepted', nationalStatusCode: 2 });
    expect((await act(as.reception, code, { action: 'accept' }).expect(409)).body.code).toBe('action-not-allowed');
  });

  it('tells an officer acting a moment after reception to try again (409 case-opening), not that the case is not theirs', async () => {
    // Intake's relay held back, as if DossierReceived were still on its way to workflow.
    const relay = stack.app('intake').get(OutboxRelay);
    await relay.onApplicationShutdown();
    let code: string;
    try {
      code = (await api().post('/api/v1/dossiers').set('authorization', as.reception).send(counterDossier('1.007001')).expect(201)).body.code;
      const read = await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(409);
      expect(read.body.code).toBe('case-opening');
      expect(read.headers['retry-after']).toBe('1');
      expect((await act(as.reception, code, { action: 'forward' }).expect(409)).body.code).toBe('case-opening');
      // Officers of other agencies learn nothing of it.
      expect((await api().get(`/api/v1/cases/${code}`).set('authorization', as.outsider).expect(404)).body.code).toBe('case-not-found');
      expect((await api().get('/api/v1/cases/000.00.01.H56-260316-9999').set('authorization', as.reception).expect(404)).body.code).toBe('case-not-found');
    } finally {
      relay.onApplicationBootstrap();
    }
    await caseOpened(stack, code, as.reception);
    await act(as.reception, code, { action: 'claim' }).expect(200);
    // Closed again, so the worklists of later tests are theirs alone.
    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', as.reception).send({ reason: 'Thử' }).expect(200);
  });

  it('answers "try again" (503, Retry-After), not "not yours", for a dossier without a case while intake cannot say whether it received it', async () => {
    await stack.stop('intake');
    try {
      const answer = await api().get('/api/v1/cases/000.00.01.H56-260316-9998').set('authorization', as.reception).expect(503);
      expect(answer.body.code).toBe('dependency-failed');
      expect(answer.headers['retry-after']).toBe('1');
    } finally {
      await stack.start('intake');
    }
    expect((await api().get('/api/v1/cases/000.00.01.H56-260316-9998').set('authorization', as.reception).expect(404)).body.code).toBe('case-not-found');
  });

  it('handles an eligible counter dossier "4 tại chỗ" in one visit, and refuses it for others', async () => {
    const { code } = await receive('1.007002');
    const done = await act(as.reception, code, { action: 'handle_on_the_spot', result: paper }).expect(200);
    expect(done.body).toMatchObject({ state: 'returned', handledOnTheSpot: true, nationalStatusCode: 10 });
    expect(done.body.steps.every((s: { finishedAt: string | null; officer: string }) => s.finishedAt && s.officer === 'reception.centre')).toBe(true);
    await dossierStatus(code, 'returned');
    const other = await receive('1.007001');
    const refused = await act(as.reception, other.code, { action: 'handle_on_the_spot', result: paper }).expect(409);
    expect(refused.body.detail).toContain('not eligible');
  });

  it('marks late cases overdue and soon-due ones at risk, overdue first in the worklist; the apology resets the date once', async () => {
    const late = await receive('1.007001');
    clock.set('2026-03-17T10:00:00+07:00');
    const soon = await receive('1.007002'); // due within four working hours
    await Promise.all([late, soon].map(({ code }) => act(as.reception, code, { action: 'claim' }).expect(200)));
    clock.set('2026-03-31T09:00:00+07:00'); // the first is a day past its due date
    const worklist = await eventually(async () => {
      const page = (await api().get('/api/v1/worklist?stepKind=receive&limit=200').set('authorization', as.reception).expect(200)).body;
      const mine = page.items.filter((i: { dossierCode: string }) => [late.code, soon.code].includes(i.dossierCode));
      return mine.length === 2 && mine.every((i: { lateness: string }) => i.lateness === 'overdue') ? page : undefined;
    }, 10000, 'the sweep to mark both overdue');
    expect(worklist.items[0].lateness).toBe('overdue');
    clock.set(MONDAY_10AM);
    const fresh = await receive('1.007002');
    clock.set('2026-03-16T13:45:00+07:00'); // due at 16:00 today: within a working day
    await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${fresh.code}`).set('authorization', as.reception)).body;
      return view.lateness === 'at_risk' ? view : undefined;
    }, 10000, 'the sweep to mark the case at risk');

    // Lateness is judged on the clock at the request: on Monday 16 March the first case is due in two
    // weeks, whatever mark the sweep left on it (overdue, from the clock at 31 March), and a case
    // that is on time gets no apology.
    const onTime = await act(as.reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-04-03T16:00:00+07:00' }).expect(409);
    expect(onTime.headers['content-type']).toContain('application/problem+json');
    expect(onTime.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', lateness: 'on_time' });
    expect(onTime.body.detail).toContain('on_time');
    const another = await receive('1.007001');
    const notLate = await act(as.reception, another.code, { action: 'apologise', reason: 'Dự phòng', newAppointmentAt: '2026-04-10T16:00:00+07:00' }).expect(409);
    expect(notLate.body).toMatchObject({ code: 'action-not-allowed', lateness: 'on_time' });
    // A case at risk (due at 16:00 today) is apologised for before its date passes.
    const atRisk = await act(as.reception, fresh.code, { action: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: '2026-03-17T16:00:00+07:00' }).expect(200);
    expect(atRisk.body).toMatchObject({ appointmentAt: '2026-03-17T16:00:00+07:00', dueAt: '2026-03-16T16:00:00+07:00', lateness: 'at_risk', apology: { reason: 'Chờ xác minh' } });

    clock.set('2026-03-31T09:00:00+07:00'); // the first case is overdue again
    const earlier = await act(as.reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-03-20T10:00:00+07:00' }).expect(422);
    expect(earlier.body.errors[0].field).toBe('newAppointmentAt');
    // After the current appointment (30 March 10:00) but already past.
    const past = await act(as.reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-03-30T15:00:00+07:00' }).expect(422);
    expect(past.body).toMatchObject({ code: 'invalid-new-appointment', errors: [{ field: 'newAppointmentAt', reason: expect.stringContaining('after now') }] });
    const apology = await act(as.reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-04-03T16:00:00+07:00' }).expect(200);
    expect(apology.body).toMatchObject({ appointmentAt: '2026-04-03T16:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00', lateness: 'overdue', apology: { reason: 'Chậm do thẩm định' } });
    const again = await act(as.reception, late.code, { action: 'apologise', reason: 'Lần nữa', newAppointmentAt: '2026-04-10T16:00:00+07:00' }).expect(409);
    expect(again.body.detail).toContain('once');
    await eventually(async () => {
      const view = (await api().get(`/api/v1/dossiers/${late.code}`).set('authorization', as.reception)).body;
      return view.appointmentAt === '2026-04-03T16:00:00+07:00' ? view : undefined;
    }, 10000, 'intake to show the new appointment');
  });

  it('times each agency of an inter-agency chain against its own share: a step overdue while the case is on time, then the next agency\'s own due time', async () => {
    // Two agencies in the steps template: the department appraises first, the environment
    // department appraises and approves; 10 working days (4,800 min) shared among them.
    const ENVIRONMENT = '000.26.22.H56';
    await api().post('/api/v1/agencies').set('authorization', stack.adminAuth).send({ code: ENVIRONMENT, name: 'Sở Tài nguyên và Môi trường', levelCode: 'province', parentCode: PROVINCE }).expect(201);
    const steps = [
      { kind: 'receive', agencyCode: SERVICE_CENTRE, workingMinutes: 240 },
      { kind: 'appraise', agencyCode: DEPARTMENT, workingMinutes: 960 },
      { kind: 'appraise', agencyCode: ENVIRONMENT, workingMinutes: 1920 },
      { kind: 'approve', agencyCode: ENVIRONMENT, workingMinutes: 1200 },
      { kind: 'return', agencyCode: SERVICE_CENTRE, workingMinutes: 480 },
    ];
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.007003', { name: 'Cấp giấy phép liên thông', steps })).expect(201);
    const envSpecialist = await stack.tokenFor({ subject: 'specialist.env', roles: ['specialist'], agencyCodes: [ENVIRONMENT], name: 'Đỗ Thị Hoa' });
    const view = async (code: string, auth = as.reception) => (await api().get(`/api/v1/cases/${code}`).set('authorization', auth).expect(200)).body;
    const worklist = async (auth: string, query = '') => (await api().get(`/api/v1/worklist?limit=200${query}`).set('authorization', auth).expect(200)).body.items as Array<Record<string, unknown>>;

    // Monday 10:00: two dossiers; each case's first step (reception, half a day) is due at 16:00.
    const first = await receive('1.007003');
    const second = await receive('1.007003');
    const opened = await view(first.code);
    expect(opened.steps.map((s: { kind: string; agencyCode: string; allottedMinutes: number }) => `${s.kind}@${s.agencyCode}:${s.allottedMinutes}`)).toEqual([
      `receive@${SERVICE_CENTRE}:240`,
      `appraise@${DEPARTMENT}:960`,
      `appraise@${ENVIRONMENT}:1920`,
      `approve@${ENVIRONMENT}:1200`,
      `return@${SERVICE_CENTRE}:480`,
    ]);
    expect(opened).toMatchObject({ dueAt: '2026-03-30T10:00:00+07:00', lateness: 'on_time', currentStep: { kind: 'receive', dueAt: '2026-03-16T16:00:00+07:00', overdue: false, overrunMinutes: 0 } });
    expect(opened.steps[1]).toMatchObject({ startedAt: null, dueAt: null, overdue: null, overrunMinutes: null });

    // Monday 11:00: the first goes to the department, whose two days run out Wednesday 11:00.
    clock.set('2026-03-16T11:00:00+07:00');
    const forwarded = (await act(as.reception, first.code, { action: 'forward' }).expect(200)).body;
    expect(forwarded.currentStep).toMatchObject({ kind: 'appraise', agencyCode: DEPARTMENT, startedAt: '2026-03-16T11:00:00+07:00', dueAt: '2026-03-18T11:00:00+07:00', overdue: false, spentMinutes: 0 });
    expect(forwarded.steps[0]).toMatchObject({ spentMinutes: 60, allottedMinutes: 240, overdue: false, overrunMinutes: 0 });

    // Thursday 09:30: the second has sat at reception since Monday, three days past its half day;
    // the case as a whole is on time. Forwarded, its reception step stays over its share.
    clock.set('2026-03-19T09:30:00+07:00');
    expect(await view(second.code)).toMatchObject({ lateness: 'on_time', currentStep: { kind: 'receive', dueAt: '2026-03-16T16:00:00+07:00', overdue: true } });
    const late = (await act(as.reception, second.code, { action: 'forward' }).expect(200)).body;
    expect(late.steps[0]).toMatchObject({ spentMinutes: 1410, allottedMinutes: 240, overdue: true, overrunMinutes: 1170 });
    expect(late.currentStep).toMatchObject({ agencyCode: DEPARTMENT, dueAt: '2026-03-23T09:30:00+07:00', overdue: false });

    // Thursday 10:00: the department has used up its share of the first (due Wednesday 11:00)
    // while the case, due 30 March, is on time.
    clock.set('2026-03-19T10:00:00+07:00');
    const overdueStep = await view(first.code, as.specialist);
    expect(overdueStep).toMatchObject({ state: 'in_step', dueAt: '2026-03-30T10:00:00+07:00', lateness: 'on_time' });
    expect(overdueStep.currentStep).toMatchObject({ kind: 'appraise', agencyCode: DEPARTMENT, dueAt: '2026-03-18T11:00:00+07:00', overdue: true, spentMinutes: 1380, overrunMinutes: 420 });
    const departmentList = await worklist(as.specialist);
    expect(departmentList.find((i) => i.dossierCode === first.code)).toMatchObject({ agencyCode: DEPARTMENT, lateness: 'on_time', stepDueAt: '2026-03-18T11:00:00+07:00', stepOverdue: true });
    expect(departmentList.find((i) => i.dossierCode === second.code)).toMatchObject({ lateness: 'on_time', stepDueAt: '2026-03-23T09:30:00+07:00', stepOverdue: false });
    // The filter lists the cases the sweep has marked past their step's share, and only those.
    const filtered = await eventually(async () => {
      const items = await worklist(as.specialist, '&stepOverdue=true');
      return items.some((i) => i.dossierCode === first.code) ? items : undefined;
    }, 10000, 'the sweep to mark the department\'s step overdue');
    expect(filtered.every((i) => i.stepOverdue === true)).toBe(true);
    expect(filtered.map((i) => i.dossierCode)).not.toContain(second.code);
    const [{ marks }] = await queryDatabase<{ marks: Record<string, boolean> }>(
      stack.databaseUrl,
      `SELECT jsonb_object_agg(dossier_code, step_overdue) AS marks FROM workflow.cases WHERE dossier_code = ANY($1)`,
      [[first.code, second.code]],
    );
    expect(marks).toEqual({ [first.code]: true, [second.code]: false });
    expect((await api().get('/api/v1/worklist?stepOverdue=false').set('authorization', as.specialist).expect(400)).body.code).toBe('validation-failed');

    // The department appraises: the case goes to the environment department, with its own four days.
    const handedOn = (await act(as.specialist, first.code, { action: 'appraise', opinion: 'Đủ điều kiện, chuyển Sở TN&MT' }).expect(200)).body;
    expect(handedOn).toMatchObject({ lateness: 'on_time', currentStep: { kind: 'appraise', agencyCode: ENVIRONMENT, startedAt: '2026-03-19T10:00:00+07:00', dueAt: '2026-03-25T10:00:00+07:00', overdue: false } });
    expect(handedOn.steps[1]).toMatchObject({ agencyCode: DEPARTMENT, finishedAt: '2026-03-19T10:00:00+07:00', dueAt: '2026-03-18T11:00:00+07:00', spentMinutes: 1380, allottedMinutes: 960, overdue: true, overrunMinutes: 420, officer: 'specialist.dept' });
    expect((await worklist(as.specialist)).map((i) => i.dossierCode)).not.toContain(first.code);
    expect((await worklist(envSpecialist)).find((i) => i.dossierCode === first.code)).toMatchObject({ agencyCode: ENVIRONMENT, stepDueAt: '2026-03-25T10:00:00+07:00', stepOverdue: false });
    const [{ step_overdue: handedOnMark }] = await queryDatabase<{ step_overdue: boolean }>(stack.databaseUrl, `SELECT step_overdue FROM workflow.cases WHERE dossier_code = $1`, [first.code]);
    expect(handedOnMark).toBe(false);
    const sheet = (await api().get(`/api/v1/cases/${first.code}/control-sheet`).set('authorization', envSpecialist).expect(200)).body;
    expect(sheet.entries.at(-1)).toMatchObject({ action: 'appraise', fromUnit: DEPARTMENT, fromOfficer: 'specialist.dept', toUnit: ENVIRONMENT });

    // A supplement the environment department asks for stops its clock: Friday 10:00 to Tuesday
    // 10:00 is 960 working minutes, and the step's due time moves out by them, as the case's does.
    clock.set('2026-03-20T10:00:00+07:00');
    const paused = (await act(envSpecialist, first.code, { action: 'request_supplement', missingDocuments: [{ name: 'Báo cáo đánh giá tác động môi trường' }] }).expect(200)).body;
    expect(paused).toMatchObject({ state: 'awaiting_supplement', currentStep: { agencyCode: ENVIRONMENT, dueAt: '2026-03-25T10:00:00+07:00', overdue: false } });
    await dossierStatus(first.code, 'supplement_requested');
    clock.set('2026-03-24T10:00:00+07:00');
    // The report is an extra item of the request (not in the procedure's list): answered by its number.
    await api().post(`/api/v1/dossiers/${first.code}/supplements`).set('authorization', as.reception).send({ documents: [{ item: 1 }], note: 'Bổ sung báo cáo' }).expect(200);
    const resumed = await eventually(async () => {
      const body = await view(first.code, envSpecialist);
      return body.state === 'in_step' ? body : undefined;
    }, 10000, 'the case to resume');
    expect(resumed).toMatchObject({ waitedMinutes: 960, dueAt: '2026-04-01T10:00:00+07:00', lateness: 'on_time' });
    expect(resumed.currentStep).toMatchObject({ agencyCode: ENVIRONMENT, dueAt: '2026-03-27T10:00:00+07:00', overdue: false, spentMinutes: 480 });

    // Thursday 26 March: past the step's first due time, within the one the wait moved out.
    clock.set('2026-03-26T10:00:00+07:00');
    expect((await view(first.code, envSpecialist)).currentStep).toMatchObject({ dueAt: '2026-03-27T10:00:00+07:00', overdue: false, spentMinutes: 1440, overrunMinutes: 0 });
    const approving = (await act(envSpecialist, first.code, { action: 'appraise', opinion: 'Đạt' }).expect(200)).body;
    expect(approving.steps[2]).toMatchObject({ spentMinutes: 1440, allottedMinutes: 1920, overdue: false, overrunMinutes: 0 });
    expect(approving.currentStep).toMatchObject({ kind: 'approve', agencyCode: ENVIRONMENT, dueAt: '2026-03-30T16:00:00+07:00', overdue: false });
  });

  it('gives the cases opened before step due times were kept their current step\'s due time, in the sweep', async () => {
    // As migration 1732300580000 leaves them: open cases listed in step_clock_pending, no step due time.
    const stepsOf = (pausedMinutes: number) => [
      { kind: 'receive', agencyCode: SERVICE_CENTRE, workingMinutes: 240, startedAt: '2026-03-16T03:00:00.000Z', finishedAt: '2026-03-16T04:00:00.000Z', spentMinutes: 60, pausedMinutes: 0, officer: 'reception.centre' },
      { kind: 'appraise', agencyCode: DEPARTMENT, workingMinutes: 960, startedAt: '2026-03-16T04:00:00.000Z', finishedAt: null, spentMinutes: null, pausedMinutes, officer: null },
      { kind: 'approve', agencyCode: DEPARTMENT, workingMinutes: 3600, startedAt: null, finishedAt: null, spentMinutes: null, pausedMinutes: 0, officer: null },
    ];
    const cases = [
      { code: 'SC-0001', state: 'in_step', steps: stepsOf(480) },
      { code: 'SC-0002', state: 'returned', steps: stepsOf(0) },
    ];
    await queryDatabase(
      stack.databaseUrl,
      `INSERT INTO workflow.cases (dossier_code, procedure_code, procedure_version_no, procedure_name, field_code, level_code, receiving_agency_code,
                                   competent_agency_code, channel, result_delivery, received_at, counting_from, processing_minutes, due_at, appointment_at,
                                   on_the_spot_eligible, fees_paid_online, state, step_index, steps, current_agency_code, current_step_kind)
       SELECT r.code, '1.007001', 1, 'Cấp giấy phép', 'F1', 'province', $2, $3, 'counter', 'counter', '2026-03-16T10:00:00+07:00', '2026-03-16T10:00:00+07:00',
              4800, '2026-03-30T10:00:00+07:00', '2026-03-30T10:00:00+07:00', false, false, r.state, 1, r.steps, $3, 'appraise'
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, state text, steps jsonb)`,
      [JSON.stringify(cases), SERVICE_CENTRE, DEPARTMENT],
    );
    await queryDatabase(stack.databaseUrl, `INSERT INTO workflow.step_clock_pending (dossier_code) VALUES ('SC-0001'), ('SC-0002')`);
    await eventually(async () => {
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM workflow.step_clock_pending WHERE dossier_code LIKE 'SC-%'`);
      return n === 0 ? true : undefined;
    }, 10000, 'the sweep to compute the pending step clocks');
    // Entered Monday 11:00 with two days' share, plus a day waited for a supplement: Thursday 11:00.
    const computed = (await api().get('/api/v1/cases/SC-0001').set('authorization', as.reception).expect(200)).body;
    expect(computed.currentStep).toMatchObject({ kind: 'appraise', dueAt: '2026-03-19T11:00:00+07:00', overdue: false });
    expect(computed.steps[1].dueAt).toBe('2026-03-19T11:00:00+07:00');
    const rows = await queryDatabase<{ dossier_code: string; step_due_at: Date | null }>(stack.databaseUrl, `SELECT dossier_code, step_due_at FROM workflow.cases WHERE dossier_code LIKE 'SC-%' ORDER BY 1`);
    expect(rows.map((r) => [r.dossier_code, r.step_due_at?.toISOString() ?? null])).toEqual([
      ['SC-0001', '2026-03-19T04:00:00.000Z'],
      ['SC-0002', null],
    ]);
  });

  it('closes the case when the applicant withdraws', async () => {
    const { code } = await receive('1.007001');
    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', as.reception).send({ reason: 'Công dân xin rút' }).expect(200);
    const closed = await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception)).body;
      return view.state === 'withdrawn' ? view : undefined;
    }, 10000, 'the case to close');
    expect(closed.outcome).toMatchObject({ kind: 'withdrawal', reason: 'Công dân xin rút' });
    await act(as.reception, code, { action: 'forward' }).expect(409);
  });

  it('assigns a case only to an officer of the directory, of the step\'s agency, with a role that does the step', async () => {
    // Officers are learnt from the tokens they call processing with.
    for (const officer of [as.specialist, as.otherSpecialist, as.outsider, as.leader]) await api().get('/api/v1/worklist').set('authorization', officer).expect(200);
    const listed = (await api().get('/api/v1/officers').query({ agencyCode: DEPARTMENT, role: 'specialist' }).set('authorization', as.leader).expect(200)).body;
    expect(listed.items.map((o: { subject: string }) => o.subject)).toEqual(['specialist.dept', 'specialist.dept.2']);
    expect(listed.items[0]).toMatchObject({ name: 'Trần Thị Bình', title: 'Chuyên viên', agencyCodes: [DEPARTMENT], roles: ['specialist'], active: true, source: 'token' });
    expect((await api().get('/api/v1/officers').query({ agencyCode: '000.00.09.H56' }).set('authorization', as.leader).expect(403)).body.code).toBe('not-your-agency');

    const { code } = await receive('1.007001');
    await act(as.reception, code, { action: 'forward' }).expect(200);
    const assign = (subject: string, name?: string) => act(as.leader, code, { action: 'assign', assignee: { subject, ...(name ? { name } : {}) } });
    for (const [subject, why] of [
      ['demo:citizen.binh', 'no officer with this subject'],
      ['citizen-an', 'no officer with this subject'],
      ['specialist.other', 'does not act for agency'],
      ['reception.centre', 'does not act for agency'],
    ] as const) {
      const refused = await assign(subject).expect(422);
      expect(refused.body).toMatchObject({ code: 'invalid-assignee', errors: [{ field: 'assignee.subject', reason: expect.stringContaining(why) }] });
    }
    // The name comes from the directory, not from whoever typed the request.
    const assigned = await assign('specialist.dept', 'Ai đó khác').expect(200);
    expect(assigned.body).toMatchObject({ assignee: 'specialist.dept', assigneeName: 'Trần Thị Bình' });
    await act(as.specialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(200);
    // At the approve step only leaders do the work: a specialist of the agency is refused.
    const notALeader = await assign('specialist.dept').expect(422);
    expect(notALeader.body.errors[0].reason).toContain('leader');

    // An officer who has not signed in yet, registered by an administrator, with a title; then taken off assignments.
    const registered = await api().put('/api/v1/officers/leader.dept.2').set('authorization', stack.adminAuth).send({ name: 'Đỗ Thị Hà', title: 'Phó Giám đốc Sở', agencyCodes: [DEPARTMENT], roles: ['leader'] }).expect(200);
    expect(registered.body).toMatchObject({ subject: 'leader.dept.2', title: 'Phó Giám đốc Sở', source: 'admin', active: true, lastSeenAt: null });
    await api().put('/api/v1/officers/leader.dept.2').set('authorization', as.leader).send({ name: 'x', agencyCodes: [DEPARTMENT], roles: ['leader'] }).expect(403);
    expect((await assign('leader.dept.2').expect(200)).body.assigneeName).toBe('Đỗ Thị Hà');
    await api().put('/api/v1/officers/leader.dept.2').set('authorization', stack.adminAuth).send({ name: 'Đỗ Thị Hà', agencyCodes: [DEPARTMENT], roles: ['leader'], active: false }).expect(200);
    expect((await assign('leader.dept.2').expect(422)).body.errors[0].reason).toContain('not taking assignments');
    const invalid = await api().put('/api/v1/officers/leader.dept.3').set('authorization', stack.adminAuth).send({ name: 'Y', agencyCodes: ['H56'], roles: ['citizen'] }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['agencyCodes', 'roles']);
  });

  describe('a withdrawal against the result', () => {
    /** A case taken to its last step (return at the service centre), ready for the result. */
    const atLastStep = async () => {
      const { code } = await receive('1.007001');
      await act(as.reception, code, { action: 'forward' }).expect(200);
      await act(as.specialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(200);
      await act(as.leader, code, { action: 'approve' }).expect(200);
      return code;
    };
    const withdraw = (code: string) => api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', as.reception).send({ reason: 'Không còn nhu cầu' });
    /** The national feed's entries of one dossier, in feed order. */
    const feedOf = async (code: string) => {
      const portal = await stack.tokenFor({ subject: 'portal', roles: ['admin'] });
      const entries: Array<{ dossierCode: string; nationalStatusCode: number; at: string }> = [];
      let cursor: string | undefined;
      for (;;) {
        const page = (await api().get('/api/v1/sync/dossiers').query({ limit: 200, ...(cursor ? { cursor } : {}) }).set('authorization', portal).expect(200)).body;
        entries.push(...page.items.filter((e: { dossierCode: string }) => e.dossierCode === code));
        if (page.items.length < 200 || !page.nextCursor) return entries;
        cursor = page.nextCursor;
      }
    };

    it('is refused once the result is issued, and the result goes on to be returned', async () => {
      const code = await atLastStep();
      await act(as.reception, code, { action: 'issue_result', result: paper }).expect(200);
      const refused = await withdraw(code).expect(409);
      expect(refused.body).toMatchObject({ code: 'dossier-not-withdrawable', currentStatus: 'processed' });
      const processed = await dossierStatus(code, 'processed');
      expect(processed.nationalStatusCode).toBe(9);
      const c = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body;
      expect(c).toMatchObject({ state: 'result_ready', outcome: { kind: 'result' } });
      await act(as.reception, code, { action: 'mark_returned' }).expect(200);
      await dossierStatus(code, 'returned');
      expect((await feedOf(code)).map((e) => e.nationalStatusCode)).toEqual([2, 4, 4, 4, 9, 10]);
    });

    it('races the result: exactly one wins, and intake, workflow and the national feed agree on which', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 4; round++) {
        const code = await atLastStep();
        const [issued, withdrawn] = await Promise.all([act(as.reception, code, { action: 'issue_result', result: paper }), withdraw(code)]);
        expect([issued.status, withdrawn.status].sort()).toEqual([200, 409]);
        const winner = issued.status === 200 ? 'processed' : 'withdrawn';
        outcomes.push(winner);
        if (winner === 'withdrawn') {
          expect(issued.body).toMatchObject({ code: 'action-not-allowed', currentState: 'withdrawn' });
          expect(withdrawn.body).toMatchObject({ status: 'withdrawn', nationalStatusCode: 7 });
        } else {
          expect(withdrawn.body.code).toBe('dossier-not-withdrawable');
        }
        const c = (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body;
        expect(c.state).toBe(winner === 'processed' ? 'result_ready' : 'withdrawn');
        await dossierStatus(code, winner);
        // The feed ends on the winner, once, and its times never go back.
        const feed = await eventually(async () => {
          const entries = await feedOf(code);
          return entries.at(-1)?.nationalStatusCode === (winner === 'processed' ? 9 : 7) ? entries : undefined;
        }, 10000, 'the feed to show the outcome');
        const codes = feed.map((e) => e.nationalStatusCode);
        expect(codes.filter((n) => n === 7 || n === 9)).toHaveLength(1);
        const times = feed.map((e) => Date.parse(e.at));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        // Nothing more happens to a withdrawn dossier: no result returned, no shipment.
        if (winner === 'withdrawn') await act(as.reception, code, { action: 'mark_returned' }).expect(409);
      }
      // Both orders are legal; the test only insists each round had one consistent winner.
      expect(outcomes).toHaveLength(4);
    });

    it('asks again while the case is being opened: 409 case-opening with Retry-After, straight from workflow', async () => {
      const answer = await request(stack.urlOf('workflow'))
        .post('/internal/cases/000.00.01.H56-260316-9999/withdrawal')
        .set('x-service-token', stack.serviceToken)
        .send({ reason: 'x' })
        .expect(409);
      expect(answer.body.code).toBe('case-opening');
      expect(answer.headers['retry-after']).toBe('1');
    });
  });

  it('lists the worklist overdue, then at risk, then on time, each by due date, and its cursor pages through every case once', async () => {
    // Cases written straight into workflow's table, at two units no other test uses: a leader of
    // both sees every kind of step, so the page merges cases of several agencies, steps and
    // states. The clock stays at Monday 10:00, where the sweep leaves these marks as they are
    // (it never touches cases with a result, so those may disagree with their dates).
    const [unitA, unitB, unitC] = ['000.41.22.H56', '000.42.22.H56', '000.43.22.H56'];
    const cases = [
      { code: 'WL-0107', agency: unitA, kind: 'appraise', state: 'in_step', lateness: 'overdue', due: '2026-01-10T09:00:00+07:00' },
      { code: 'WL-0031', agency: unitB, kind: 'approve', state: 'in_step', lateness: 'overdue', due: '2026-01-10T09:00:00+07:00' },
      { code: 'WL-0212', agency: unitA, kind: 'receive', state: 'in_step', lateness: 'overdue', due: '2026-01-10T09:00:00+07:00' },
      { code: 'WL-0150', agency: unitB, kind: 'return', state: 'in_step', lateness: 'overdue', due: '2026-02-02T16:00:00+07:00' },
      { code: 'WL-0099', agency: unitA, kind: 'return', state: 'result_ready', lateness: 'overdue', due: '2026-05-01T10:00:00+07:00' },
      { code: 'WL-0300', agency: unitA, kind: 'appraise', state: 'in_step', lateness: 'at_risk', due: '2026-03-16T14:00:00+07:00' },
      { code: 'WL-0008', agency: unitB, kind: 'appraise', state: 'in_step', lateness: 'at_risk', due: '2026-03-16T14:00:00+07:00' },
      { code: 'WL-0120', agency: unitA, kind: 'approve', state: 'in_step', lateness: 'at_risk', due: '2026-03-16T15:30:00+07:00' },
      { code: 'WL-0400', agency: unitB, kind: 'return', state: 'result_ready', lateness: 'at_risk', due: '2026-03-10T10:00:00+07:00' },
      { code: 'WL-0500', agency: unitA, kind: 'appraise', state: 'in_step', lateness: 'on_time', due: '2026-04-01T10:00:00+07:00' },
      { code: 'WL-0011', agency: unitA, kind: 'appraise', state: 'in_step', lateness: 'on_time', due: '2026-04-01T10:00:00+07:00' },
      { code: 'WL-0250', agency: unitB, kind: 'receive', state: 'in_step', lateness: 'on_time', due: '2026-04-20T10:00:00+07:00' },
      { code: 'WL-0042', agency: unitB, kind: 'approve', state: 'in_step', lateness: 'on_time', due: '2026-06-01T10:00:00+07:00' },
      { code: 'WL-0777', agency: unitA, kind: 'return', state: 'in_step', lateness: 'on_time', due: '2026-06-01T10:00:00+07:00' },
      { code: 'WL-0600', agency: unitA, kind: 'return', state: 'result_ready', lateness: 'on_time', due: '2026-01-05T10:00:00+07:00' },
      // Not in the default worklist: waiting for the applicant, closed, at another unit.
      { code: 'WL-0001', agency: unitA, kind: 'appraise', state: 'awaiting_supplement', lateness: 'overdue', due: '2026-01-01T10:00:00+07:00' },
      { code: 'WL-0002', agency: unitA, kind: 'appraise', state: 'returned', lateness: 'overdue', due: '2026-01-01T10:00:00+07:00' },
      { code: 'WL-0003', agency: unitC, kind: 'appraise', state: 'in_step', lateness: 'overdue', due: '2026-01-01T10:00:00+07:00' },
    ];
    await queryDatabase(
      stack.databaseUrl,
      `INSERT INTO workflow.cases (dossier_code, procedure_code, procedure_version_no, procedure_name, field_code, level_code, receiving_agency_code,
                                   competent_agency_code, channel, result_delivery, received_at, counting_from, processing_minutes, due_at, appointment_at,
                                   on_the_spot_eligible, fees_paid_online, state, steps, current_agency_code, current_step_kind, lateness)
       SELECT r.code, '1.007001', 1, 'Cấp giấy phép', 'F1', 'province', $2, r.agency, 'counter', 'counter', r.due - interval '14 days', r.due - interval '14 days',
              4800, r.due, r.due, false, false, r.state, '[]', r.agency, r.kind, r.lateness
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, agency text, kind text, state text, lateness text, due timestamptz)`,
      [JSON.stringify(cases), SERVICE_CENTRE],
    );
    const unitLeader = await stack.tokenFor({ subject: 'leader.units', roles: ['leader'], agencyCodes: [unitA, unitB] });
    const walk = async (query: string, limit: number) => {
      const seen: Array<{ dossierCode: string; lateness: string; dueAt: string }> = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/worklist?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = (await api().get(url).set('authorization', unitLeader).expect(200)).body;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };

    const expected = [
      // overdue, by due date, then code
      'WL-0031', 'WL-0107', 'WL-0212', 'WL-0150', 'WL-0099',
      // at risk
      'WL-0400', 'WL-0008', 'WL-0300', 'WL-0120',
      // on time: a result ready since January still comes after every case at risk
      'WL-0600', 'WL-0011', 'WL-0500', 'WL-0250', 'WL-0042', 'WL-0777',
    ];
    for (const limit of [1, 4, 200]) {
      const seen = await walk('assigned=anyone', limit);
      expect(seen.map((i) => i.dossierCode)).toEqual(expected);
    }
    const [first] = await walk('assigned=anyone', 200);
    expect(first).toMatchObject({ dossierCode: 'WL-0031', lateness: 'overdue', dueAt: '2026-01-10T09:00:00+07:00', agencyCode: unitB, stepKind: 'approve', state: 'in_step', assignee: null });
    // Filters narrow the same order.
    expect((await walk(`agencyCode=${unitB}&lateness=at_risk`, 1)).map((i) => i.dossierCode)).toEqual(['WL-0400', 'WL-0008']);
    expect((await walk('stepKind=appraise&state=in_step', 2)).map((i) => i.dossierCode)).toEqual(['WL-0107', 'WL-0008', 'WL-0300', 'WL-0011', 'WL-0500']);
    expect((await walk('state=awaiting_supplement', 2)).map((i) => i.dossierCode)).toEqual(['WL-0001']);
  });
});
