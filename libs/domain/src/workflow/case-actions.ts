import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DossierReceivedV1, SupplementReceivedV1 } from '../events/intake-events.js';
import type { DossierStatusChangedV2, ProgressAction, ResultReadyV1 } from '../events/workflow-events.js';
import { nationalStatusCode, type DossierStatus } from '../intake/dossier.js';
import { type SupplementItem, supplementItemsOf } from '../intake/supplement.js';
import { defaultSteps } from '../catalog/procedure.js';
import { type CaseAction, caseLateness, type CaseState, dossierStatusOf, stepDueAfterWait, stepDueAt, stepOverdue } from './case-machine.js';
import type { CaseRecord, CaseStep } from './case-record.js';
import { ACTION_WORDING, RESULT_RETURNED_BY_POST_NOTE } from './progress-wording.js';
import { answerOf, answerText, itemsOf, outstandingOf, requestText, withAnswer } from './supplement-history.js';

/** Who does something, for the control sheet and the progress feed. */
export interface Actor {
  subject: string;
  name: string | null;
  title: string | null;
}

/** What the system does on another service's event (intake's supplement or withdrawal, postal's delivery). */
export const SYSTEM_ACTOR: Actor = { subject: 'system', name: null, title: null };

/** What an action takes besides the case: the officer's input, or what the system acts on (the applicant's supplement). */
export interface CaseActionInput {
  assignee?: { subject: string; name?: string | null };
  opinion?: string;
  reason?: string;
  note?: string;
  result?: { kind: 'electronic' | 'paper'; documentNumber: string; summary?: string };
  newAppointmentAt?: string;
  /** request_supplement: the items asked for (form 02), named against the procedure's list. */
  supplementItems?: SupplementItem[];
  /** resume: the applicant's answer that completes the request, when it came as an event. */
  supplement?: SupplementReceivedV1;
}

/** The action and where the state machine (`transition`) sends the case with it. */
export interface CaseMove {
  action: CaseAction;
  to: CaseState;
  advancesStep: boolean;
}

export interface CaseActionContext {
  now: Date;
  actor: Actor;
  calendar: WorkingCalendar;
  /** The at-risk margin the case's lateness is judged with (see caseLateness). */
  atRiskWorkingMinutes: number;
}

/** One side of a hand-over on the control sheet (form 06). */
export interface HandoverParty {
  unit: string | null;
  officer: string | null;
}

/** One row of the control sheet. */
export interface Handover {
  at: Date;
  action: string;
  from: HandoverParty;
  to: HandoverParty;
  result: string;
  note: string | null;
}

/** A status change to announce (DossierStatusChanged), with the step that made it. */
export interface StatusAnnouncement {
  status: DossierStatus;
  sequence: number;
  at: Date;
  action: ProgressAction;
  actor: Actor;
  content: string;
  note: string | null;
}

/** What an action announces, in order. */
export type CaseAnnouncement = { kind: 'status_changed'; change: StatusAnnouncement } | { kind: 'result_ready'; result: ResultReadyV1 };

/** What an action does: the case's fields after it, its control-sheet row and what it announces. */
export interface CaseEffect {
  case: CaseRecord;
  handover: Handover;
  announcements: CaseAnnouncement[];
}

/** Input the action cannot be taken with, as the API answers it (400 or 422, naming the field). */
export interface InvalidActionInput {
  invalid: { status: 400 | 422; code: 'validation-failed' | 'invalid-new-appointment'; detail: string; field: string; reason: string };
}

/** A case's lateness at `now`, as the sweep would mark it. */
export function latenessAt(c: Pick<CaseRecord, 'dueAt' | 'pausedAt'>, context: Pick<CaseActionContext, 'now' | 'calendar' | 'atRiskWorkingMinutes'>) {
  return caseLateness(c.dueAt, c.pausedAt, context.now, context.calendar, context.atRiskWorkingMinutes);
}

/** The status the applicant and the portal see of a case. */
export function statusOfCase(c: Pick<CaseRecord, 'state' | 'currentStepKind' | 'stepIndex' | 'awaitingAcceptance'>): DossierStatus {
  return dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance);
}

/** A copy to change: the steps and the lists are the case's own. */
function copyOf(record: CaseRecord): CaseRecord {
  return { ...record, steps: record.steps.map((step) => ({ ...step })), supplementRequests: [...record.supplementRequests] };
}

/** Starts the current step's clock at `now`: its due time is its share in working minutes from now. */
function startStep(c: CaseRecord, now: Date, calendar: WorkingCalendar): void {
  const step = c.steps[c.stepIndex];
  const due = stepDueAt(now, step.workingMinutes, calendar);
  step.startedAt = now.toISOString();
  step.dueAt = due.toISOString();
  c.stepDueAt = due;
}

/**
 * Starts the clock again after a wait for the applicant (a supplement, a fee): the due date, the
 * step's due time and the appointment move out by the working time waited. Returns it.
 */
function restartClock(c: CaseRecord, now: Date, calendar: WorkingCalendar): number {
  const waited = Math.round(calendar.workingMinutesBetween(c.pausedAt!, now));
  c.steps[c.stepIndex].pausedMinutes += waited;
  c.waitedMinutes += waited;
  c.dueAt = calendar.addWorkingMinutes(c.dueAt, waited);
  // The step's share stood still too: its due time moves out by the same wait.
  if (c.stepDueAt) {
    c.stepDueAt = stepDueAfterWait(c.stepDueAt, waited, calendar);
    c.steps[c.stepIndex].dueAt = c.stepDueAt.toISOString();
  }
  c.appointmentAt = c.apology && new Date(c.apology.newAppointmentAt) > c.dueAt ? new Date(c.apology.newAppointmentAt) : c.dueAt;
  c.pausedAt = null;
  return waited;
}

/** Closes the current step's clock: working time from its start, less time waiting for supplements. */
function finishStep(c: CaseRecord, { now, actor, calendar }: CaseActionContext): void {
  const step = c.steps[c.stepIndex];
  const end = c.pausedAt ?? now;
  step.finishedAt = now.toISOString();
  step.spentMinutes = Math.max(0, Math.round(calendar.workingMinutesBetween(new Date(step.startedAt ?? c.countingFrom), end)) - step.pausedMinutes);
  step.officer = actor.subject === 'system' ? step.officer : actor.subject;
}

function issueResult(c: CaseRecord, result: NonNullable<CaseActionInput['result']>, { now, actor }: CaseActionContext): void {
  c.outcome = { kind: 'result', at: now.toISOString(), by: actor.subject, resultKind: result.kind, documentNumber: result.documentNumber, summary: result.summary };
  c.finishedAt = now;
}

function end(c: CaseRecord, kind: 'refusal' | 'stop' | 'withdrawal', by: string, reason: string | undefined, now: Date): void {
  c.outcome = { kind, at: now.toISOString(), by, reason };
  c.finishedAt = now;
}

const RESULT_REQUIRED: InvalidActionInput = {
  invalid: { status: 400, code: 'validation-failed', detail: 'This approval ends the procedure: give the result issued.', field: 'result', reason: 'is required at the last step' },
};

/** The progress's words for an action told in fixed words (ACTION_WORDING), the ones the public lookup shows. */
function wordsOf(action: keyof typeof ACTION_WORDING): string {
  return ACTION_WORDING[action].words;
}

/** The control sheet's `result` and the progress's `content` of the action (content '' when it is the result). */
type Wording = { result: string; content: string };

/** What the action changes on the case, and its words; an invalid input instead when it cannot be taken so. */
function change(c: CaseRecord, move: CaseMove, input: CaseActionInput, context: CaseActionContext): Wording | InvalidActionInput {
  const { now, actor, calendar } = context;
  switch (move.action) {
    case 'accept':
      // Tiếp nhận: the time limit counts from the acceptance, as at the counter from the receipt.
      c.awaitingAcceptance = false;
      c.acceptedAt = now;
      c.countingFrom = calendar.countingStart(now);
      c.dueAt = calendar.addWorkingMinutes(now, c.processingMinutes);
      c.appointmentAt = c.dueAt;
      startStep(c, now, calendar);
      return { result: 'Tiếp nhận hồ sơ trực tuyến', content: wordsOf('accept') };
    case 'claim':
      c.assignee = actor.subject;
      c.assigneeName = actor.name;
      return { result: 'Nhận xử lý hồ sơ', content: '' };
    case 'assign':
      c.assignee = input.assignee!.subject;
      c.assigneeName = input.assignee!.name ?? null;
      return { result: `Phân công cho ${c.assigneeName ?? c.assignee}`, content: '' };
    case 'forward':
    case 'appraise':
    case 'approve': {
      const wording = {
        result: move.action === 'appraise' ? `Thẩm định: ${input.opinion}` : move.action === 'approve' ? 'Phê duyệt' : 'Chuyển xử lý',
        content: wordsOf(move.action),
      };
      if (move.to === 'result_ready') {
        if (!input.result) return RESULT_REQUIRED;
        finishStep(c, context);
        issueResult(c, input.result, context);
        return wording;
      }
      finishStep(c, context);
      c.stepIndex += 1;
      startStep(c, now, calendar);
      c.currentAgencyCode = c.steps[c.stepIndex].agencyCode;
      c.currentStepKind = c.steps[c.stepIndex].kind;
      c.assignee = null;
      c.assigneeName = null;
      return wording;
    }
    case 'refuse':
      finishStep(c, context);
      c.outcome = { kind: 'refusal', at: now.toISOString(), by: actor.subject, reason: input.reason };
      c.finishedAt = now;
      return { result: `Từ chối: ${input.reason}`, content: `Hồ sơ không đủ điều kiện giải quyết: ${input.reason}` };
    case 'request_supplement': {
      const items = input.supplementItems ?? [];
      c.pausedAt = now;
      c.supplementRequest = { requestedAt: now.toISOString(), requestedBy: actor.subject, documents: items, note: input.note ?? null };
      c.supplementRequests = [
        ...c.supplementRequests,
        { ...c.supplementRequest, stepKind: c.currentStepKind, agencyCode: c.currentAgencyCode, answeredAt: null, answerNote: null, waitedMinutes: null, answers: [] },
      ];
      return { result: `Yêu cầu bổ sung: ${requestText(items)}`, content: `Yêu cầu bổ sung hồ sơ: ${requestText(items)}` };
    }
    case 'request_payment':
      // A fee assessed during processing (national status 6): the clock stops until it is paid.
      c.pausedAt = now;
      return { result: `Yêu cầu nộp phí, lệ phí${input.reason ? `: ${input.reason}` : ''}`, content: `Yêu cầu nộp phí, lệ phí${input.reason ? `: ${input.reason}` : ''}` };
    case 'payment_received':
      restartClock(c, now, calendar);
      c.lateness = latenessAt(c, context);
      return { result: input.reason ? `Đã nộp phí, lệ phí, tiếp tục giải quyết: ${input.reason}` : 'Đã nộp phí, lệ phí, tiếp tục giải quyết', content: wordsOf('payment_received') };
    case 'resume': {
      // The clock stopped while the applicant supplemented; the due date moves out by the wait.
      const waited = restartClock(c, now, calendar);
      // The request stays on the case's history, answered, with what came; only the one awaited is cleared.
      const last = c.supplementRequests.length - 1;
      const awaited = last >= 0 && c.supplementRequests[last].answeredAt === null ? c.supplementRequests[last] : null;
      const answer = awaited && input.supplement ? answerOf(input.supplement, itemsOf(awaited)) : null;
      c.supplementRequests = c.supplementRequests.map((r, i) =>
        i === last && awaited ? { ...(answer ? withAnswer(r, answer) : r), answeredAt: now.toISOString(), answerNote: input.reason ?? null, waitedMinutes: waited } : r,
      );
      c.supplementRequest = null;
      c.lateness = latenessAt(c, context);
      return {
        result: answer ? `Nhận hồ sơ bổ sung, tiếp tục giải quyết: ${answerText(answer, [])}` : 'Nhận hồ sơ bổ sung, tiếp tục giải quyết',
        content: wordsOf('resume'),
      };
    }
    case 'stop':
      finishStep(c, context);
      end(c, 'stop', actor.subject, input.reason, now);
      return { result: `Dừng xử lý: ${input.reason}`, content: `Dừng giải quyết hồ sơ: ${input.reason}` };
    case 'issue_result':
      finishStep(c, context);
      issueResult(c, input.result!, context);
      return { result: `Có kết quả: ${input.result!.documentNumber}`, content: '' };
    case 'mark_returned':
      return { result: input.reason ? `Đã trả kết quả cho công dân: ${input.reason}` : 'Đã trả kết quả cho công dân', content: 'Đã trả kết quả' };
    case 'handle_on_the_spot':
      // "4 tại chỗ": the one officer receives, appraises, approves and returns in the visit.
      for (let i = c.stepIndex; i < c.steps.length; i++) {
        c.stepIndex = i;
        if (!c.steps[i].startedAt) startStep(c, now, calendar);
        finishStep(c, context);
      }
      c.handledOnTheSpot = true;
      issueResult(c, input.result!, context);
      return { result: `Giải quyết tại chỗ (4 tại chỗ), trả kết quả ${input.result!.documentNumber}`, content: wordsOf('handle_on_the_spot') };
    case 'apologise': {
      const newDate = new Date(input.newAppointmentAt!);
      if (newDate <= c.appointmentAt) {
        return { invalid: { status: 422, code: 'invalid-new-appointment', detail: 'The new appointment must be after the current one.', field: 'newAppointmentAt', reason: `must be after the current appointment ${c.appointmentAt.toISOString()}` } };
      }
      if (newDate <= now) {
        return { invalid: { status: 422, code: 'invalid-new-appointment', detail: 'The new appointment must be in the future.', field: 'newAppointmentAt', reason: `must be after now (${now.toISOString()})` } };
      }
      c.apology = { issuedAt: now.toISOString(), issuedBy: actor.subject, unitCode: c.currentAgencyCode, reason: input.reason!, previousAppointmentAt: c.appointmentAt.toISOString(), newAppointmentAt: newDate.toISOString() };
      c.appointmentAt = newDate;
      return { result: `Xin lỗi và hẹn lại ngày trả kết quả: ${input.reason}`, content: `${wordsOf('apologise')} (${input.reason})` };
    }
    case 'withdraw': {
      if (c.state === 'in_step' || c.state === 'awaiting_supplement' || c.state === 'awaiting_payment') finishStep(c, context);
      end(c, 'withdrawal', 'applicant', input.reason, now);
      const result = `Công dân rút hồ sơ${input.reason ? `: ${input.reason}` : ''}`;
      // The applicant's and the officers' progress keeps the reason; the public lookup words it in standard words.
      return { result, content: result };
    }
  }
}

/** The free text that came with a step, apart from its standard words. */
function noteOf(input: CaseActionInput): string | null {
  return input.reason ?? input.note ?? null;
}

/**
 * What an action allowed by the state machine does to a case: its clocks, outcome, supplement
 * history, apology and acceptance; the control sheet's row; and the status changes (and a
 * result ready) it announces. Every status change is announced, and a step moved on, a
 * supplement taken and an apology even when the status stays; an electronic result for online
 * delivery, and one handled "4 tại chỗ", reach the applicant as they are issued.
 */
export function applyCaseAction(record: CaseRecord, move: CaseMove, input: CaseActionInput, context: CaseActionContext): CaseEffect | InvalidActionInput {
  const { now, actor } = context;
  const c = copyOf(record);
  const from = { unit: c.currentAgencyCode, officer: actor.subject };
  const previousStatus = statusOfCase(c);
  const wording = change(c, move, input, context);
  if ('invalid' in wording) return wording;
  c.state = move.to;
  // The current step's mark, judged now as the sweep would; a case at no step has no step clock.
  if (move.to === 'in_step' || move.to === 'awaiting_supplement' || move.to === 'awaiting_payment') {
    c.stepOverdue = stepOverdue(c.stepDueAt, c.pausedAt, now);
  } else {
    c.stepDueAt = null;
    c.stepOverdue = false;
  }
  const handover: Handover = {
    at: now,
    action: move.action,
    from,
    to: { unit: c.currentAgencyCode, officer: move.advancesStep ? null : c.assignee },
    result: wording.result,
    note: input.note ?? null,
  };
  const announcements: CaseAnnouncement[] = [];
  const announce = (status: DossierStatus, action: ProgressAction, content: string) => {
    c.statusSequence += 1;
    announcements.push({ kind: 'status_changed', change: { status, sequence: c.statusSequence, at: now, action, actor, content, note: noteOf(input) } });
  };
  const status = statusOfCase(c);
  if (move.action === 'issue_result' || move.action === 'handle_on_the_spot' || (move.to === 'result_ready' && move.action !== 'mark_returned')) {
    announce('processed', move.action, `Đã có kết quả: ${c.outcome!.documentNumber}`);
    announcements.push({
      kind: 'result_ready',
      result: {
        dossierCode: c.dossierCode,
        agencyCode: c.currentAgencyCode,
        deliveryMethod: c.resultDelivery,
        resultKind: c.outcome!.resultKind!,
        documentNumber: c.outcome!.documentNumber!,
        readyAt: now.toISOString(),
      },
    });
    if (move.action === 'handle_on_the_spot') {
      c.state = 'returned';
      announce('returned', 'handle_on_the_spot', wording.content);
    } else if (c.outcome!.resultKind === 'electronic' && c.resultDelivery === 'online') {
      c.state = 'returned';
      announce('returned', 'result_delivered_electronically', wordsOf('result_delivered_electronically'));
    }
  } else if (status !== previousStatus || move.advancesStep || move.action === 'apologise' || move.action === 'resume') {
    announce(status, move.action, wording.content || wording.result);
  }
  return { case: c, handover, announcements };
}

/**
 * Part of what a supplement request asked for came: kept on the request and the control sheet,
 * the case still waits for the rest. Null (nothing to do) unless the case awaits that request.
 */
export function takePartialSupplement(record: CaseRecord, supplement: SupplementReceivedV1): CaseEffect | null {
  const index = record.supplementRequests.length - 1;
  const awaited = index >= 0 ? record.supplementRequests[index] : undefined;
  if (record.state !== 'awaiting_supplement' || !awaited || awaited.answeredAt !== null) return null;
  const answer = answerOf(supplement, itemsOf(awaited));
  const answered = withAnswer(awaited, answer);
  return {
    case: { ...record, supplementRequests: record.supplementRequests.map((r, i) => (i === index ? answered : r)) },
    handover: {
      at: new Date(supplement.receivedAt),
      action: 'supplement_received',
      from: { unit: null, officer: 'applicant' },
      to: { unit: record.currentAgencyCode, officer: record.assignee },
      result: `Nhận một phần hồ sơ bổ sung: ${answerText(answer, outstandingOf(answered))}`,
      note: supplement.note,
    },
    announcements: [],
  };
}

/**
 * The post could not deliver the result and brought it back to the agency: the case keeps its
 * result ready for the applicant to collect at the counter; the control sheet records the
 * hand-back and the progress says where the result is. Null unless the result is ready.
 */
export function takeResultBackFromPost(record: CaseRecord, at: Date, note: string | null): CaseEffect | null {
  if (record.state !== 'result_ready') return null;
  const sequence = record.statusSequence + 1;
  return {
    case: { ...record, statusSequence: sequence },
    handover: {
      at,
      action: 'postal_return',
      from: { unit: null, officer: 'postal' },
      to: { unit: record.currentAgencyCode, officer: null },
      result: 'Bưu điện chuyển trả kết quả: không phát được cho công dân',
      note,
    },
    announcements: [
      { kind: 'status_changed', change: { status: 'processed', sequence, at, action: 'result_returned_by_post', actor: SYSTEM_ACTOR, content: RESULT_RETURNED_BY_POST_NOTE, note } },
    ],
  };
}

/** A case as it opens on DossierReceived, and the first row of its control sheet. */
export interface CaseOpening {
  steps: CaseStep[];
  /** The first step's due time; null when the calendar could not be read (the lateness sweep computes it). */
  firstStepDueAt: Date | null;
  firstStepOverdue: boolean;
  handover: Handover;
}

/** The case of a dossier received: its steps from the procedure's template (or the default one), the first step's clock started with the case's. */
export function openingOf(d: DossierReceivedV1, calendar: WorkingCalendar | null, now: Date): CaseOpening {
  const template = d.steps.length > 0 ? d.steps : defaultSteps(d.processingMinutes, d.receivingAgencyCode, d.competentAgencyCode);
  const firstDue = calendar ? stepDueAt(new Date(d.countingFrom), template[0].workingMinutes, calendar) : null;
  const steps: CaseStep[] = template.map((step, index) => ({
    kind: step.kind,
    agencyCode: step.agencyCode,
    workingMinutes: step.workingMinutes,
    startedAt: index === 0 ? d.countingFrom : null,
    dueAt: index === 0 && firstDue ? firstDue.toISOString() : null,
    finishedAt: null,
    spentMinutes: null,
    pausedMinutes: 0,
    officer: null,
  }));
  return {
    steps,
    firstStepDueAt: firstDue,
    firstStepOverdue: stepOverdue(firstDue, null, now),
    handover: { at: new Date(d.receivedAt), action: 'receive', from: { unit: null, officer: null }, to: { unit: d.receivingAgencyCode, officer: d.receivedBy }, result: 'Tiếp nhận hồ sơ', note: null },
  };
}

/**
 * DossierStatusChanged (version 2) of an announced change: the status, and the step as the
 * national portal's progress feed shows it (the unit's name as catalog gives it now, null when
 * it cannot say), with what a supplement request asks for, so intake takes the answer against it.
 */
export function statusChangedEvent(c: CaseRecord, change: StatusAnnouncement, unitName: string | null): DossierStatusChangedV2 {
  const step = c.steps[c.stepIndex];
  const officer = change.actor.name === null && change.actor.title === null ? null : { name: change.actor.name, title: change.actor.title };
  return {
    dossierCode: c.dossierCode,
    status: change.status,
    nationalStatusCode: nationalStatusCode(change.status),
    at: change.at.toISOString(),
    step: {
      action: change.action,
      unit: { code: c.currentAgencyCode, name: unitName },
      officer,
      kind: step?.kind ?? null,
      startedAt: step?.startedAt ?? null,
      statutoryEndAt: step?.dueAt ?? null,
      note: change.note,
    },
    content: change.content,
    appointmentAt: c.appointmentAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    sequence: change.sequence,
    ...(change.status === 'supplement_requested' && c.supplementRequest
      ? { supplementRequest: { requestedAt: c.supplementRequest.requestedAt, items: supplementItemsOf(c.supplementRequest.documents), note: c.supplementRequest.note } }
      : {}),
    apology: c.apology ? { issuedAt: c.apology.issuedAt, newAppointmentAt: c.apology.newAppointmentAt } : null,
  };
}
