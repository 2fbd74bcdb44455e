import { describe, expect, it } from '@jest/globals';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import type { SupplementReceivedV1 } from '../events/intake-events.js';
import {
  type Actor,
  applyCaseAction,
  type CaseActionInput,
  type CaseEffect,
  type CaseMove,
  type InvalidActionInput,
  openingOf,
  statusChangedEvent,
  SYSTEM_ACTOR,
  takePartialSupplement,
  takeResultBackFromPost,
} from './case-actions.js';
import type { CaseRecord, CaseStep } from './case-record.js';

const calendar = new WorkingCalendar({ sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [6, 7], daysOff: new Set<string>(), workingDays: new Set<string>() });
const at = (local: string) => new Date(local);
/** Monday 16 March 2026, 10:00 in Hà Nội. */
const NOW = at('2026-03-16T10:00:00+07:00');
const CENTRE = '000.00.01.H56';
const DEPARTMENT = '000.00.12.H56';
const officer: Actor = { subject: 'officer.1', name: 'Trần Thị Bình', title: 'Chuyên viên' };

const step = (kind: CaseStep['kind'], agencyCode: string, workingMinutes: number, startedAt: string | null = null): CaseStep => ({
  kind, agencyCode, workingMinutes, startedAt, dueAt: null, finishedAt: null, spentMinutes: null, pausedMinutes: 0, officer: null,
});

/** A case received at the counter on Monday 08:00, at its receive step, due in five working days. */
function caseAt(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const received = at('2026-03-16T08:00:00+07:00');
  const due = calendar.addWorkingMinutes(received, 2400);
  return {
    dossierCode: '000.00.01.H56-260316-0001', procedureCode: '1.004005', procedureVersionNo: 1, procedureName: 'Cấp giấy phép', fieldCode: 'GT', levelCode: 'province',
    receivingAgencyCode: CENTRE, competentAgencyCode: DEPARTMENT, channel: 'counter', resultDelivery: 'counter',
    receivedAt: received, countingFrom: received, processingMinutes: 2400, dueAt: due, appointmentAt: due,
    onTheSpotEligible: false, awaitingAcceptance: false, acceptedAt: null, handledOnTheSpot: false, feesPaidOnline: false,
    state: 'in_step', stepIndex: 0,
    steps: [step('receive', CENTRE, 240, received.toISOString()), step('appraise', DEPARTMENT, 1440), step('approve', DEPARTMENT, 480), step('return', CENTRE, 240)],
    currentAgencyCode: CENTRE, currentStepKind: 'receive', assignee: null, assigneeName: null, lateness: 'on_time',
    stepDueAt: calendar.addWorkingMinutes(received, 240), stepOverdue: false, pausedAt: null, waitedMinutes: 0,
    supplementRequest: null, supplementRequests: [], apology: null, outcome: null, statusSequence: 0, finishedAt: null,
    ...overrides,
  };
}

/** The case at its step `index` of the template (the earlier ones done). */
function atStep(index: number, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const c = caseAt();
  const steps = c.steps.map((s, i) => (i < index ? { ...s, startedAt: c.receivedAt.toISOString(), finishedAt: c.receivedAt.toISOString(), spentMinutes: 0 } : i === index ? { ...s, startedAt: c.receivedAt.toISOString() } : s));
  return caseAt({ stepIndex: index, steps, currentAgencyCode: steps[index].agencyCode, currentStepKind: steps[index].kind, ...overrides });
}

const awaitingSupplement = (overrides: Partial<CaseRecord> = {}) =>
  caseAt({
    state: 'awaiting_supplement',
    pausedAt: at('2026-03-16T08:00:00+07:00'),
    supplementRequest: { requestedAt: '2026-03-16T01:00:00.000Z', requestedBy: 'officer.1', documents: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', note: null }], note: null },
    supplementRequests: [
      { requestedAt: '2026-03-16T01:00:00.000Z', requestedBy: 'officer.1', documents: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', note: null }], note: null, stepKind: 'receive', agencyCode: CENTRE, answeredAt: null, answerNote: null, waitedMinutes: null, answers: [] },
    ],
    statusSequence: 1,
    ...overrides,
  });

const PAPER = { kind: 'paper' as const, documentNumber: '12/GP-SGTVT' };
const ELECTRONIC = { kind: 'electronic' as const, documentNumber: '13/GP-SGTVT' };

interface Row {
  name: string;
  case: CaseRecord;
  move: CaseMove;
  input?: CaseActionInput;
  actor?: Actor;
  /** The case's fields after the action. */
  fields?: Partial<CaseRecord>;
  /** The control sheet's row: its result, and to whom the case went. */
  handover?: { result: string; to?: { unit: string | null; officer: string | null } };
  /** What is announced, in order: a status change as [status, action, content], or 'ResultReady'. */
  announced?: Array<[string, string, string] | 'ResultReady'>;
  /** The input refused instead: its problem code and field. */
  invalid?: [string, string];
}

const ROWS: Row[] = [
  {
    name: 'accept: the time limit counts from the acceptance',
    case: caseAt({ channel: 'online', awaitingAcceptance: true }),
    move: { action: 'accept', to: 'in_step', advancesStep: false },
    fields: { awaitingAcceptance: false, acceptedAt: NOW, dueAt: calendar.addWorkingMinutes(NOW, 2400), appointmentAt: calendar.addWorkingMinutes(NOW, 2400), stepDueAt: calendar.addWorkingMinutes(NOW, 240) },
    handover: { result: 'Tiếp nhận hồ sơ trực tuyến', to: { unit: CENTRE, officer: null } },
    announced: [['accepted', 'accept', 'Tiếp nhận hồ sơ trực tuyến']],
  },
  {
    name: 'claim: the officer takes the case, nothing announced',
    case: caseAt(),
    move: { action: 'claim', to: 'in_step', advancesStep: false },
    fields: { assignee: 'officer.1', assigneeName: 'Trần Thị Bình' },
    handover: { result: 'Nhận xử lý hồ sơ', to: { unit: CENTRE, officer: 'officer.1' } },
    announced: [],
  },
  {
    name: 'assign: to the officer named',
    case: atStep(1),
    move: { action: 'assign', to: 'in_step', advancesStep: false },
    input: { assignee: { subject: 'specialist.1', name: 'Lê Văn Cường' } },
    fields: { assignee: 'specialist.1', assigneeName: 'Lê Văn Cường' },
    handover: { result: 'Phân công cho Lê Văn Cường', to: { unit: DEPARTMENT, officer: 'specialist.1' } },
    announced: [],
  },
  {
    name: 'forward: the next step starts its clock at its unit',
    case: caseAt({ assignee: 'officer.1' }),
    move: { action: 'forward', to: 'in_step', advancesStep: true },
    fields: { stepIndex: 1, currentAgencyCode: DEPARTMENT, currentStepKind: 'appraise', assignee: null, stepDueAt: calendar.addWorkingMinutes(NOW, 1440), stepOverdue: false },
    handover: { result: 'Chuyển xử lý', to: { unit: DEPARTMENT, officer: null } },
    announced: [['processing', 'forward', 'Chuyển xử lý']],
  },
  {
    name: 'appraise: the opinion on the control sheet, the case on to approval',
    case: atStep(1),
    move: { action: 'appraise', to: 'in_step', advancesStep: true },
    input: { opinion: 'Đủ điều kiện' },
    fields: { stepIndex: 2, currentStepKind: 'approve' },
    handover: { result: 'Thẩm định: Đủ điều kiện' },
    announced: [['processing', 'appraise', 'Đã thẩm định, chuyển phê duyệt']],
  },
  {
    name: 'approve at the last step without the result: refused',
    case: atStep(2, { steps: atStep(2).steps.slice(0, 3) }),
    move: { action: 'approve', to: 'result_ready', advancesStep: false },
    invalid: ['validation-failed', 'result'],
  },
  {
    name: 'approve at the last step: the result is ready, told by its status',
    case: atStep(2, { steps: atStep(2).steps.slice(0, 3) }),
    move: { action: 'approve', to: 'result_ready', advancesStep: false },
    input: { result: PAPER },
    fields: { state: 'result_ready', stepDueAt: null, stepOverdue: false, finishedAt: NOW, statusSequence: 1 },
    handover: { result: 'Phê duyệt' },
    announced: [['processed', 'approve', 'Đã có kết quả: 12/GP-SGTVT'], 'ResultReady'],
  },
  {
    name: 'issue_result: an electronic result for online delivery reaches the applicant as it is issued',
    case: atStep(3, { resultDelivery: 'online' }),
    move: { action: 'issue_result', to: 'result_ready', advancesStep: false },
    input: { result: ELECTRONIC },
    fields: { state: 'returned', statusSequence: 2 },
    handover: { result: 'Có kết quả: 13/GP-SGTVT' },
    announced: [['processed', 'issue_result', 'Đã có kết quả: 13/GP-SGTVT'], 'ResultReady', ['returned', 'result_delivered_electronically', 'Đã trả kết quả điện tử']],
  },
  {
    name: 'handle_on_the_spot: every step done in the visit',
    case: caseAt({ onTheSpotEligible: true }),
    move: { action: 'handle_on_the_spot', to: 'returned', advancesStep: false },
    input: { result: PAPER },
    fields: { state: 'returned', handledOnTheSpot: true, stepIndex: 3, statusSequence: 2 },
    handover: { result: 'Giải quyết tại chỗ (4 tại chỗ), trả kết quả 12/GP-SGTVT' },
    announced: [['processed', 'handle_on_the_spot', 'Đã có kết quả: 12/GP-SGTVT'], 'ResultReady', ['returned', 'handle_on_the_spot', 'Đã giải quyết và trả kết quả tại chỗ']],
  },
  {
    name: 'refuse (form 03): the reason on the sheet and in the progress',
    case: caseAt(),
    move: { action: 'refuse', to: 'refused', advancesStep: false },
    input: { reason: 'Chưa đủ tuổi' },
    fields: { state: 'refused', outcome: { kind: 'refusal', at: NOW.toISOString(), by: 'officer.1', reason: 'Chưa đủ tuổi' }, finishedAt: NOW },
    handover: { result: 'Từ chối: Chưa đủ tuổi' },
    announced: [['refused', 'refuse', 'Hồ sơ không đủ điều kiện giải quyết: Chưa đủ tuổi']],
  },
  {
    name: 'request_supplement (form 02): the clock stops, the request joins the history',
    case: caseAt(),
    move: { action: 'request_supplement', to: 'awaiting_supplement', advancesStep: false },
    input: { supplementItems: [{ item: 1, requirement: 2, name: 'Giấy khám sức khỏe', note: null }], note: 'Bản chính' },
    fields: { state: 'awaiting_supplement', pausedAt: NOW },
    handover: { result: 'Yêu cầu bổ sung: 1. Giấy khám sức khỏe' },
    announced: [['supplement_requested', 'request_supplement', 'Yêu cầu bổ sung hồ sơ: 1. Giấy khám sức khỏe']],
  },
  {
    name: 'resume: the dates move out by the working time waited',
    case: awaitingSupplement(),
    move: { action: 'resume', to: 'in_step', advancesStep: false },
    actor: SYSTEM_ACTOR,
    fields: { state: 'in_step', pausedAt: null, waitedMinutes: 120, supplementRequest: null, dueAt: calendar.addWorkingMinutes(caseAt().dueAt, 120), stepDueAt: calendar.addWorkingMinutes(caseAt().stepDueAt!, 120) },
    handover: { result: 'Nhận hồ sơ bổ sung, tiếp tục giải quyết' },
    announced: [['accepted', 'resume', 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết']],
  },
  {
    name: 'stop (form 05)',
    case: atStep(1),
    move: { action: 'stop', to: 'stopped', advancesStep: false },
    input: { reason: 'Theo đơn' },
    fields: { state: 'stopped', stepDueAt: null },
    handover: { result: 'Dừng xử lý: Theo đơn' },
    announced: [['stopped', 'stop', 'Dừng giải quyết hồ sơ: Theo đơn']],
  },
  {
    name: 'mark_returned: the result handed over',
    case: atStep(3, { state: 'result_ready', outcome: { kind: 'result', at: NOW.toISOString(), by: 'officer.1', resultKind: 'paper', documentNumber: '12/GP-SGTVT' } }),
    move: { action: 'mark_returned', to: 'returned', advancesStep: false },
    input: { reason: 'Công dân nhận tại quầy' },
    fields: { state: 'returned' },
    handover: { result: 'Đã trả kết quả cho công dân: Công dân nhận tại quầy' },
    announced: [['returned', 'mark_returned', 'Đã trả kết quả']],
  },
  {
    name: 'apologise (form 04): a new appointment, announced though the status stays',
    case: atStep(1, { lateness: 'overdue' }),
    move: { action: 'apologise', to: 'in_step', advancesStep: false },
    input: { reason: 'Chậm do xác minh', newAppointmentAt: '2026-03-30T10:00:00+07:00' },
    fields: { appointmentAt: at('2026-03-30T10:00:00+07:00') },
    handover: { result: 'Xin lỗi và hẹn lại ngày trả kết quả: Chậm do xác minh' },
    announced: [['processing', 'apologise', 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả (Chậm do xác minh)']],
  },
  {
    name: 'apologise with a new appointment not after the current one: refused',
    case: atStep(1),
    move: { action: 'apologise', to: 'in_step', advancesStep: false },
    input: { reason: 'Chậm', newAppointmentAt: '2026-03-17T10:00:00+07:00' },
    invalid: ['invalid-new-appointment', 'newAppointmentAt'],
  },
  {
    name: 'withdraw: the applicant\'s, with the reason in the progress',
    case: atStep(1),
    move: { action: 'withdraw', to: 'withdrawn', advancesStep: false },
    input: { reason: 'Không còn nhu cầu' },
    actor: SYSTEM_ACTOR,
    fields: { state: 'withdrawn', outcome: { kind: 'withdrawal', at: NOW.toISOString(), by: 'applicant', reason: 'Không còn nhu cầu' } },
    handover: { result: 'Công dân rút hồ sơ: Không còn nhu cầu' },
    announced: [['withdrawn', 'withdraw', 'Công dân rút hồ sơ: Không còn nhu cầu']],
  },
];

function announcedOf(effect: CaseEffect): Array<[string, string, string] | 'ResultReady'> {
  return effect.announcements.map((a) => (a.kind === 'result_ready' ? 'ResultReady' : [a.change.status, a.change.action, a.change.content]));
}

describe('what each case action does', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const before = structuredClone(row.case);
    const effect = applyCaseAction(row.case, row.move, row.input ?? {}, { now: NOW, actor: row.actor ?? officer, calendar, atRiskWorkingMinutes: 480 });
    // A pure function: the case given is left as it was.
    expect(row.case).toEqual(before);
    if (row.invalid) {
      expect((effect as InvalidActionInput).invalid).toMatchObject({ code: row.invalid[0], field: row.invalid[1] });
      return;
    }
    const done = effect as CaseEffect;
    expect(done.case).toMatchObject(row.fields ?? {});
    expect(done.handover).toMatchObject({ at: NOW, action: row.move.action, from: { unit: row.case.currentAgencyCode, officer: (row.actor ?? officer).subject }, ...row.handover });
    expect(announcedOf(done)).toEqual(row.announced);
    // Every status change carries the next sequence number.
    const sequences = done.announcements.flatMap((a) => (a.kind === 'status_changed' ? [a.change.sequence] : []));
    expect(sequences).toEqual(sequences.map((_, i) => row.case.statusSequence + i + 1));
    expect(done.case.statusSequence).toBe(row.case.statusSequence + sequences.length);
  });

  it('closes the step it leaves: working time spent, by whom', () => {
    const effect = applyCaseAction(caseAt(), { action: 'forward', to: 'in_step', advancesStep: true }, {}, { now: NOW, actor: officer, calendar, atRiskWorkingMinutes: 480 }) as CaseEffect;
    expect(effect.case.steps[0]).toMatchObject({ finishedAt: NOW.toISOString(), spentMinutes: 120, officer: 'officer.1' });
    expect(effect.case.steps[1]).toMatchObject({ startedAt: NOW.toISOString(), dueAt: calendar.addWorkingMinutes(NOW, 1440).toISOString() });
  });

  it('answers the awaited request with what the applicant brought', () => {
    const supplement: SupplementReceivedV1 = { dossierCode: caseAt().dossierCode, receivedAt: NOW.toISOString(), documents: [{ requirement: 2, quantity: 1 }], note: 'Đã khám', complete: true } as SupplementReceivedV1;
    const effect = applyCaseAction(awaitingSupplement(), { action: 'resume', to: 'in_step', advancesStep: false }, { supplement, reason: 'Đã khám' }, { now: NOW, actor: SYSTEM_ACTOR, calendar, atRiskWorkingMinutes: 480 }) as CaseEffect;
    expect(effect.case.supplementRequests[0]).toMatchObject({ answeredAt: NOW.toISOString(), answerNote: 'Đã khám', waitedMinutes: 120, answers: [{ items: [{ item: 1, requirement: 2 }], complete: true }] });
    expect(effect.handover.result).toBe('Nhận hồ sơ bổ sung, tiếp tục giải quyết: 1. Giấy khám sức khỏe');
  });

  it('keeps a partial answer on the request, the clock still stopped; nothing for a case not waiting', () => {
    const supplement = { dossierCode: caseAt().dossierCode, receivedAt: NOW.toISOString(), documents: [], items: [], note: null, complete: false } as unknown as SupplementReceivedV1;
    const effect = takePartialSupplement(awaitingSupplement(), supplement)!;
    expect(effect.case).toMatchObject({ state: 'awaiting_supplement', pausedAt: awaitingSupplement().pausedAt });
    expect(effect.case.supplementRequests[0].answers).toHaveLength(1);
    expect(effect.handover).toMatchObject({ action: 'supplement_received', from: { unit: null, officer: 'applicant' }, result: 'Nhận một phần hồ sơ bổ sung: không kèm giấy tờ; còn thiếu: 1. Giấy khám sức khỏe' });
    expect(effect.announcements).toEqual([]);
    expect(takePartialSupplement(caseAt(), supplement)).toBeNull();
  });

  it('tells where a result the post brought back is, only while it is ready', () => {
    const ready = atStep(3, { state: 'result_ready', statusSequence: 4 });
    const effect = takeResultBackFromPost(ready, NOW, 'Không phát được sau 3 lần')!;
    expect(effect.case.statusSequence).toBe(5);
    expect(effect.handover).toMatchObject({ action: 'postal_return', from: { unit: null, officer: 'postal' }, to: { unit: CENTRE, officer: null } });
    expect(announcedOf(effect)).toEqual([['processed', 'result_returned_by_post', 'Bưu điện không phát được kết quả và đã chuyển trả về bộ phận một cửa; công dân nhận kết quả tại bộ phận một cửa']]);
    expect(takeResultBackFromPost(atStep(3), NOW, null)).toBeNull();
  });

  it('announces the step as data: action, unit, officer, the step\'s times, the free note apart', () => {
    const effect = applyCaseAction(caseAt(), { action: 'forward', to: 'in_step', advancesStep: true }, { note: 'Chuyển Sở' }, { now: NOW, actor: officer, calendar, atRiskWorkingMinutes: 480 }) as CaseEffect;
    const [announced] = effect.announcements;
    if (announced.kind !== 'status_changed') throw new Error('a status change was expected');
    expect(statusChangedEvent(effect.case, announced.change, 'Sở Giao thông vận tải')).toMatchObject({
      status: 'processing',
      nationalStatusCode: 4,
      content: 'Chuyển xử lý',
      sequence: 1,
      step: {
        action: 'forward',
        unit: { code: DEPARTMENT, name: 'Sở Giao thông vận tải' },
        officer: { name: 'Trần Thị Bình', title: 'Chuyên viên' },
        kind: 'appraise',
        startedAt: NOW.toISOString(),
        statutoryEndAt: calendar.addWorkingMinutes(NOW, 1440).toISOString(),
        note: 'Chuyển Sở',
      },
      apology: null,
    });
  });

  it('opens a case at its first step, its clock left to the sweep without the calendar', () => {
    const received = { dossierCode: 'X', receivedAt: '2026-03-16T01:00:00.000Z', countingFrom: '2026-03-16T01:00:00.000Z', processingMinutes: 2400, steps: [], receivingAgencyCode: CENTRE, competentAgencyCode: DEPARTMENT, receivedBy: 'officer.1' };
    const opened = openingOf(received as never, calendar, NOW);
    expect(opened.steps[0]).toMatchObject({ startedAt: received.countingFrom, dueAt: opened.firstStepDueAt!.toISOString() });
    expect(opened.handover).toMatchObject({ action: 'receive', to: { unit: CENTRE, officer: 'officer.1' }, result: 'Tiếp nhận hồ sơ' });
    expect(openingOf(received as never, null, NOW)).toMatchObject({ firstStepDueAt: null, firstStepOverdue: false });
  });
});
