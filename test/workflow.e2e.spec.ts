import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { DEPARTMENT, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './catalog-fixtures.js';

const MONDAY_10AM = '2026-03-16T10:00:00+07:00';

const dossierBody = (procedureCode: string, overrides: Record<string, unknown> = {}) => ({
  procedureCode,
  agencyCode: SERVICE_CENTRE,
  channel: 'counter',
  applicant: {
    kind: 'person',
    name: 'Nguyễn Văn An',
    idNumber: '035090001234',
    phone: '0912345678',
    address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' },
  },
  documents: [{ requirement: 1 }, { requirement: 2 }],
  resultDelivery: { method: 'counter' },
  ...overrides,
});

const paper = { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' };

describe('processing workflow', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let reception: string;
  let specialist: string;
  let otherSpecialist: string;
  let leader: string;
  let citizen: string;
  let outsider: string;

  const receive = async (procedureCode: string, auth = reception, overrides: Record<string, unknown> = {}) => {
    const dossier = (await api().post('/api/v1/dossiers').set('authorization', auth).send(dossierBody(procedureCode, overrides)).expect(201)).body;
    await eventually(async () => ((await api().get(`/api/v1/cases/${dossier.code}`).set('authorization', reception)).status === 200 ? true : undefined), 10000, 'the case to open');
    return dossier as { code: string; lookupSecret: string };
  };
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body);
  const dossierStatus = (code: string, status: string) =>
    eventually(async () => {
      const response = await api().get(`/api/v1/dossiers/${code}`).set('authorization', reception);
      return response.body.status === status ? response.body : undefined;
    }, 10000, `intake to show ${status}`);

  beforeAll(async () => {
    stack = await startStack({ LATENESS_SWEEP_MS: '300' }, { clock });
    await seedCatalogBasics(stack);
    const admin = (body: object) => api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(201);
    await admin(publishBody('1.007001'));
    await admin(publishBody('1.007002', { name: 'Cấp bản sao giấy phép', onTheSpotEligible: true, processingTime: { value: 4, unit: 'working_hours' } }));
    reception = await stack.tokenFor({ subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' });
    specialist = await stack.tokenFor({ subject: 'specialist.dept', roles: ['specialist'], agencyCodes: [DEPARTMENT], name: 'Trần Thị Bình' });
    otherSpecialist = await stack.tokenFor({ subject: 'specialist.dept.2', roles: ['specialist'], agencyCodes: [DEPARTMENT] });
    leader = await stack.tokenFor({ subject: 'leader.dept', roles: ['leader'], agencyCodes: [DEPARTMENT], name: 'Phạm Văn Dũng' });
    citizen = await stack.tokenFor({ subject: 'citizen-an', roles: ['citizen'] });
    outsider = await stack.tokenFor({ subject: 'specialist.other', roles: ['specialist'], agencyCodes: ['000.00.09.H56'] });
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  it('opens a case per received dossier with the default steps, once', async () => {
    const { code } = await receive('1.007001');
    const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', reception).expect(200)).body;
    expect(view).toMatchObject({ state: 'in_step', dossierStatus: 'accepted', nationalStatusCode: 2, dueAt: '2026-03-30T10:00:00+07:00', lateness: 'on_time' });
    expect(view.steps.map((s: { kind: string; agencyCode: string }) => `${s.kind}@${s.agencyCode}`)).toEqual([
      `receive@${SERVICE_CENTRE}`,
      `appraise@${DEPARTMENT}`,
      `approve@${DEPARTMENT}`,
      `return@${SERVICE_CENTRE}`,
    ]);
    expect(view.steps.reduce((sum: number, s: { allottedMinutes: number }) => sum + s.allottedMinutes, 0)).toBe(4800);
    const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM workflow.cases WHERE dossier_code = $1`, [code]);
    expect(n).toBe(1);
    await api().get(`/api/v1/cases/${code}`).set('authorization', outsider).expect(404);
  });

  it('runs receive → appraise → approve → return, timing each step, and intake follows every status', async () => {
    const { code } = await receive('1.007001');
    clock.set('2026-03-16T14:00:00+07:00');
    const forwarded = await act(reception, code, { action: 'forward', note: 'Chuyển Sở GTVT' }).expect(200);
    expect(forwarded.body).toMatchObject({ dossierStatus: 'processing', currentStep: { kind: 'appraise', agencyCode: DEPARTMENT } });
    // 10:00-11:30 and 13:30-14:00: two working hours at reception.
    expect(forwarded.body.steps[0]).toMatchObject({ spentMinutes: 120, officer: 'reception.centre' });
    await dossierStatus(code, 'processing');

    await act(specialist, code, { action: 'claim' }).expect(200);
    // The appraise step ends with the appraisal opinion, the approve step with the decision: no forwarding past them.
    const unappraised = await act(specialist, code, { action: 'forward' }).expect(409);
    expect(unappraised.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', currentStepKind: 'appraise' });
    expect(unappraised.body.detail).toContain('appraise step');
    const taken = await act(otherSpecialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' }).expect(403);
    expect(taken.body.code).toBe('assigned-to-another');
    clock.set('2026-03-18T10:00:00+07:00');
    await act(specialist, code, { action: 'appraise', opinion: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt' }).expect(200);
    const unapproved = await act(leader, code, { action: 'forward' }).expect(409);
    expect(unapproved.body).toMatchObject({ code: 'action-not-allowed', currentStepKind: 'approve' });
    const early = await act(reception, code, { action: 'issue_result', result: paper }).expect(409);
    expect(early.body).toMatchObject({ code: 'action-not-allowed', currentStepKind: 'approve' });
    clock.set('2026-03-19T10:00:00+07:00');
    await act(leader, code, { action: 'approve' }).expect(200);
    clock.set('2026-03-20T10:00:00+07:00');
    const issued = await act(reception, code, { action: 'issue_result', result: paper }).expect(200);
    expect(issued.body).toMatchObject({ state: 'result_ready', dossierStatus: 'processed', nationalStatusCode: 9, outcome: { kind: 'result', documentNumber: '125/GP-SGTVT' } });
    expect(issued.body.spentMinutes).toBe(4 * 480);
    await dossierStatus(code, 'processed');
    await act(reception, code, { action: 'mark_returned' }).expect(200);
    const returned = await dossierStatus(code, 'returned');
    expect(returned.nationalStatusCode).toBe(10);

    const [ready] = await queryDatabase<{ payload: Record<string, unknown> }>(stack.databaseUrl, `SELECT payload FROM workflow.outbox_events WHERE type = 'ResultReady' AND payload->>'dossierCode' = $1`, [code]);
    expect(ready.payload).toMatchObject({ deliveryMethod: 'counter', resultKind: 'paper', agencyCode: SERVICE_CENTRE });
    const progress = (await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', reception).expect(200)).body;
    expect(progress.map((p: { nationalStatusCode: number }) => p.nationalStatusCode)).toEqual([2, 4, 4, 4, 9, 10]);
    expect(progress.find((p: { officerName: string | null }) => p.officerName === 'Trần Thị Bình')).toMatchObject({ officerTitle: 'Chuyên viên' });

    const sheet = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', leader).expect(200)).body;
    expect(sheet.entries.map((e: { action: string }) => e.action)).toEqual(['receive', 'forward', 'claim', 'appraise', 'approve', 'issue_result', 'mark_returned']);
    expect(sheet.entries[1]).toMatchObject({ fromUnit: SERVICE_CENTRE, fromOfficer: 'reception.centre', toUnit: DEPARTMENT, note: 'Chuyển Sở GTVT' });
    const pdf = await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', leader).set('accept', 'application/pdf').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    await expect(queryDatabase(stack.databaseUrl, `DELETE FROM workflow.handovers WHERE dossier_code = $1`, [code])).rejects.toThrow(/append-only/);
  });

  it('refuses an action the state does not allow with a 409 naming the state, and bad input with the field', async () => {
    const { code } = await receive('1.007001');
    const notHers = await act(leader, code, { action: 'forward' }).expect(403);
    expect(notHers.body.code).toBe('not-your-step');
    const wrong = await act(reception, code, { action: 'mark_returned' }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', currentStepKind: 'receive' });
    const noOpinion = await act(reception, code, { action: 'appraise' }).expect(400);
    expect(noOpinion.body.errors.map((e: { field: string }) => e.field)).toContain('opinion');
    const noDocs = await act(reception, code, { action: 'request_supplement', missingDocuments: [] }).expect(400);
    expect(noDocs.body.errors[0].field).toBe('missingDocuments');
    await act(reception, code, { action: 'dance' }).expect(400);
    await act(reception, code, { action: 'refuse', reason: 'Hồ sơ giả mạo' }).expect(200);
    const closed = await act(reception, code, { action: 'forward' }).expect(409);
    expect(closed.body).toMatchObject({ currentState: 'refused' });
    expect((await dossierStatus(code, 'refused')).nationalStatusCode).toBe(3);
  });

  it('stops the clock for a supplement and moves the dates out by the wait', async () => {
    const dossier = await receive('1.007001', citizen, { channel: 'online', resultDelivery: { method: 'online' } });
    const code = dossier.code;
    await act(reception, code, { action: 'forward' }).expect(200);
    clock.set('2026-03-17T10:00:00+07:00');
    const asked = await act(specialist, code, { action: 'request_supplement', missingDocuments: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }] }).expect(200);
    expect(asked.body).toMatchObject({ state: 'awaiting_supplement', dossierStatus: 'supplement_requested', supplementRequest: { documents: [{ name: 'Giấy khám sức khỏe' }] } });
    await dossierStatus(code, 'supplement_requested');
    clock.set('2026-03-19T10:00:00+07:00'); // two working days later
    await api().post(`/api/v1/dossiers/${code}/supplements`).set('authorization', citizen).send({ documents: [{ requirement: 2 }], note: 'Bổ sung giấy khám sức khỏe' }).expect(200);
    const resumed = await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', specialist)).body;
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
        documents: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }],
        note: null,
        answeredAt: '2026-03-19T10:00:00+07:00',
        answerNote: 'Bổ sung giấy khám sức khỏe',
        waitedMinutes: 960,
      },
    ]);
    // The appraisal step's clock ran one working day before the request, not during the wait.
    expect(resumed.currentStep.spentMinutes).toBe(480);
    const shown = await eventually(async () => {
      const view = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', citizen)).body;
      return view.appointmentAt === '2026-04-01T10:00:00+07:00' ? view : undefined;
    }, 10000, 'intake to move the appointment');
    expect(shown.status).toBe('processing');
    // An electronic result for an online applicant is returned as it is issued.
    await act(specialist, code, { action: 'appraise', opinion: 'Đạt' }).expect(200);
    await act(leader, code, { action: 'approve' }).expect(200);
    const issued = await act(reception, code, { action: 'issue_result', result: { kind: 'electronic', documentNumber: 'GP-001' } }).expect(200);
    expect(issued.body.state).toBe('returned');
    await dossierStatus(code, 'returned');
  });

  it('handles an eligible counter dossier "4 tại chỗ" in one visit, and refuses it for others', async () => {
    const { code } = await receive('1.007002');
    const done = await act(reception, code, { action: 'handle_on_the_spot', result: paper }).expect(200);
    expect(done.body).toMatchObject({ state: 'returned', handledOnTheSpot: true, nationalStatusCode: 10 });
    expect(done.body.steps.every((s: { finishedAt: string | null; officer: string }) => s.finishedAt && s.officer === 'reception.centre')).toBe(true);
    await dossierStatus(code, 'returned');
    const other = await receive('1.007001');
    const refused = await act(reception, other.code, { action: 'handle_on_the_spot', result: paper }).expect(409);
    expect(refused.body.detail).toContain('not eligible');
  });

  it('marks late cases overdue and soon-due ones at risk, overdue first in the worklist; the apology resets the date once', async () => {
    const late = await receive('1.007001');
    clock.set('2026-03-17T10:00:00+07:00');
    const soon = await receive('1.007002'); // due within four working hours
    await Promise.all([late, soon].map(({ code }) => act(reception, code, { action: 'claim' }).expect(200)));
    clock.set('2026-03-31T09:00:00+07:00'); // the first is a day past its due date
    const worklist = await eventually(async () => {
      const page = (await api().get('/api/v1/worklist?stepKind=receive&limit=200').set('authorization', reception).expect(200)).body;
      const mine = page.items.filter((i: { dossierCode: string }) => [late.code, soon.code].includes(i.dossierCode));
      return mine.length === 2 && mine.every((i: { lateness: string }) => i.lateness === 'overdue') ? page : undefined;
    }, 10000, 'the sweep to mark both overdue');
    expect(worklist.items[0].lateness).toBe('overdue');
    clock.set(MONDAY_10AM);
    const fresh = await receive('1.007002');
    clock.set('2026-03-16T13:45:00+07:00'); // due at 16:00 today: within a working day
    await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${fresh.code}`).set('authorization', reception)).body;
      return view.lateness === 'at_risk' ? view : undefined;
    }, 10000, 'the sweep to mark the case at risk');

    // Lateness is judged on the clock at the request: on Monday 16 March the first case is due in two
    // weeks, whatever mark the sweep left on it (overdue, from the clock at 31 March), and a case
    // that is on time gets no apology.
    const onTime = await act(reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-04-03T16:00:00+07:00' }).expect(409);
    expect(onTime.headers['content-type']).toContain('application/problem+json');
    expect(onTime.body).toMatchObject({ code: 'action-not-allowed', currentState: 'in_step', lateness: 'on_time' });
    expect(onTime.body.detail).toContain('on_time');
    const another = await receive('1.007001');
    const notLate = await act(reception, another.code, { action: 'apologise', reason: 'Dự phòng', newAppointmentAt: '2026-04-10T16:00:00+07:00' }).expect(409);
    expect(notLate.body).toMatchObject({ code: 'action-not-allowed', lateness: 'on_time' });
    // A case at risk (due at 16:00 today) is apologised for before its date passes.
    const atRisk = await act(reception, fresh.code, { action: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: '2026-03-17T16:00:00+07:00' }).expect(200);
    expect(atRisk.body).toMatchObject({ appointmentAt: '2026-03-17T16:00:00+07:00', dueAt: '2026-03-16T16:00:00+07:00', lateness: 'at_risk', apology: { reason: 'Chờ xác minh' } });

    clock.set('2026-03-31T09:00:00+07:00'); // the first case is overdue again
    const earlier = await act(reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-03-20T10:00:00+07:00' }).expect(422);
    expect(earlier.body.errors[0].field).toBe('newAppointmentAt');
    // After the current appointment (30 March 10:00) but already past.
    const past = await act(reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-03-30T15:00:00+07:00' }).expect(422);
    expect(past.body).toMatchObject({ code: 'invalid-new-appointment', errors: [{ field: 'newAppointmentAt', reason: expect.stringContaining('after now') }] });
    const apology = await act(reception, late.code, { action: 'apologise', reason: 'Chậm do thẩm định', newAppointmentAt: '2026-04-03T16:00:00+07:00' }).expect(200);
    expect(apology.body).toMatchObject({ appointmentAt: '2026-04-03T16:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00', lateness: 'overdue', apology: { reason: 'Chậm do thẩm định' } });
    const again = await act(reception, late.code, { action: 'apologise', reason: 'Lần nữa', newAppointmentAt: '2026-04-10T16:00:00+07:00' }).expect(409);
    expect(again.body.detail).toContain('once');
    await eventually(async () => {
      const view = (await api().get(`/api/v1/dossiers/${late.code}`).set('authorization', reception)).body;
      return view.appointmentAt === '2026-04-03T16:00:00+07:00' ? view : undefined;
    }, 10000, 'intake to show the new appointment');
  });

  it('closes the case when the applicant withdraws', async () => {
    const { code } = await receive('1.007001');
    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', reception).send({ reason: 'Công dân xin rút' }).expect(200);
    const closed = await eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', reception)).body;
      return view.state === 'withdrawn' ? view : undefined;
    }, 10000, 'the case to close');
    expect(closed.outcome).toMatchObject({ kind: 'withdrawal', reason: 'Công dân xin rút' });
    await act(reception, code, { action: 'forward' }).expect(409);
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
