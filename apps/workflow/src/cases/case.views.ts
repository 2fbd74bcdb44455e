import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATES, type CaseState, dossierStatusOf, formatLocal, itemsOf, LATENESS_STATES, nationalStatusCode, outstandingOf, OFFICER_ACTIONS, type OfficerAction, STEP_KINDS, type StepKind, stepOverdue, stepOverrun } from '@onestop/domain';
import type { Case, SupplementRequestRecord } from './case.entity.js';

export class CaseStepView {
  @ApiProperty({ example: 1 })
  position: number;

  @ApiProperty({ enum: STEP_KINDS, example: 'appraise' })
  kind: StepKind;

  @ApiProperty({ example: '000.00.02.H56' })
  agencyCode: string;

  @ApiProperty({ example: 1440, description: 'This step\'s share of the statutory time, in working minutes (an inter-agency procedure gives each agency\'s steps their own share).' })
  allottedMinutes: number;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:00+07:00', description: 'When the case entered the step; null for a step not reached.' })
  startedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-03-19T10:00:00+07:00',
    description: 'When the step\'s share runs out: `startedAt` plus `allottedMinutes` working minutes on the working calendar (from the next working session when entered outside office hours), moved out by the working time waited for supplements requested at the step, as the case\'s `dueAt` is. Null for a step not reached (and for a step finished before step due times were kept).',
  })
  dueAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-19T15:00:00+07:00' })
  finishedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1500, description: 'Working minutes spent, without time waiting for supplements; so far for the current step.' })
  spentMinutes: number | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    example: true,
    description: 'Whether the step went over its share. The current step: its `dueAt` has passed (judged at the request; while a supplement is awaited the clock stands still, so it is judged as at the time of the request for it). A finished step: `spentMinutes` is more than `allottedMinutes`. Null for a step not reached. A step over its share does not make the case late: the case\'s `lateness` is judged against its own `dueAt`.',
  })
  overdue: boolean | null;

  @ApiProperty({ type: Number, nullable: true, example: 60, description: 'Working minutes spent beyond the share (0 within it); so far for the current step; null for a step not reached.' })
  overrunMinutes: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'specialist.stp' })
  officer: string | null;
}

/** The apology and new appointment (form 04 data). */
export class CaseApologyView {
  @ApiProperty({ format: 'date-time', example: '2026-03-27T09:00:00+07:00' })
  issuedAt: string;

  @ApiProperty({ example: 'specialist.stp', description: 'Who issued it.' })
  issuedBy: string;

  @ApiProperty({ example: '000.00.02.H56', description: 'The unit that is late, which apologises.' })
  unitCode: string;

  @ApiProperty({ example: 'Cần xác minh thêm thông tin với cơ quan liên quan' })
  reason: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-23T10:00:00+07:00', description: 'The appointment it replaced.' })
  previousAppointmentAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-03T16:00:00+07:00' })
  newAppointmentAt: string;
}

export class CaseOutcomeView {
  @ApiProperty({ enum: ['result', 'refusal', 'stop', 'withdrawal'], example: 'result' })
  kind: string;

  @ApiProperty({ example: '2026-03-27T10:00:00+07:00' })
  at: string;

  @ApiProperty({ example: 'leader.stp' })
  by: string;

  @ApiPropertyOptional({ example: 'Không đủ điều kiện' })
  reason?: string;

  @ApiPropertyOptional({ enum: ['electronic', 'paper'] })
  resultKind?: string;

  @ApiPropertyOptional({ example: '125/GP-SGTVT' })
  documentNumber?: string;

  @ApiPropertyOptional({ example: 'Giấy phép lái xe hạng B2' })
  summary?: string;
}

/** One item of a supplement request (form 02). */
export class RequestedDocumentView {
  @ApiProperty({ example: 1, description: 'Its number on the request.' })
  item: number;

  @ApiProperty({ type: Number, nullable: true, example: 3, description: 'The document of the procedure\'s list (1-based, as the dossier\'s `documents`); null for an extra item asked in words (and for the items of requests recorded before items were numbered).' })
  requirement: number | null;

  @ApiProperty({ example: 'Giấy khám sức khỏe', description: 'The document\'s name in the procedure, or the extra item\'s words.' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Bản chính, còn hiệu lực' })
  note: string | null;
}

/** What one answer supplied for an item. */
export class SuppliedDocumentView {
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'The request\'s item; null in answers recorded before items were numbered.' })
  item: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 3 })
  requirement: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Giấy khám sức khỏe' })
  name: string | null;

  @ApiProperty({ example: 1 })
  quantity: number;

  @ApiProperty({ type: [String], example: ['3f1c2a9e-8b7d-4c55-9e0a-2b6f1d4c8a71'], description: 'Files uploaded to the dossier that carry it (`/dossiers/{code}/documents/{id}`).' })
  fileIds: string[];
}

/** One answer of the applicant to a supplement request. */
export class SupplementAnswerView {
  @ApiProperty({ example: '2026-03-19T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ type: [SuppliedDocumentView] })
  items: SuppliedDocumentView[];

  @ApiProperty({ type: String, nullable: true, example: 'Bổ sung giấy khám sức khỏe' })
  note: string | null;

  @ApiProperty({ example: true, description: 'Nothing the request asked for was missing after it: the clock resumed. A partial answer leaves the clock stopped.' })
  complete: boolean;
}

/** One supplement request (form 02 data), kept after the applicant answers it. */
export class SupplementRequestView {
  @ApiProperty({ example: '2026-03-17T10:00:00+07:00' })
  requestedAt: string;

  @ApiProperty({ example: 'specialist.stp', description: 'The officer who asked.' })
  requestedBy: string;

  @ApiProperty({ enum: STEP_KINDS, nullable: true, example: 'appraise', description: 'The step the case was at; null for requests recorded before this history was kept.' })
  stepKind: StepKind | null;

  @ApiProperty({ type: String, nullable: true, example: '000.00.02.H56', description: 'The unit that asked.' })
  agencyCode: string | null;

  @ApiProperty({ type: [RequestedDocumentView], description: 'What the applicant had to supply, item by item (form 02).' })
  documents: RequestedDocumentView[];

  @ApiProperty({ type: [SupplementAnswerView], description: 'The applicant\'s answers, oldest first: what came for which item.' })
  answers: SupplementAnswerView[];

  @ApiProperty({ type: [RequestedDocumentView], description: 'Items no answer has supplied yet, while the request is awaited (the clock stays stopped until none is left); empty once answered.' })
  outstanding: RequestedDocumentView[];

  @ApiProperty({ type: String, nullable: true, example: 'Bổ sung trong 10 ngày làm việc' })
  note: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-19T10:00:00+07:00', description: 'When the supplement arrived and processing resumed; null while it is awaited, or if the case closed first.' })
  answeredAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Đã bổ sung giấy khám sức khỏe', description: 'The applicant\'s note with the supplement.' })
  answerNote: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 960, description: 'Working minutes the clock stood still for this request; null while awaited or not known.' })
  waitedMinutes: number | null;
}

/** A processing case as officers see it. */
export class CaseView {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: '1.004005' })
  procedureCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ enum: CASE_STATES, example: 'in_step' })
  state: CaseState;

  @ApiProperty({ example: 'processing', description: 'The dossier status the applicant sees.' })
  dossierStatus: string;

  @ApiProperty({ example: 4, description: 'National portal status code 1-10.' })
  nationalStatusCode: number;

  @ApiProperty({ type: CaseStepView, nullable: true, description: 'The step the case is at, with its own due time (`dueAt`) and whether the unit has used up its share (`overdue`); null once the case is at no step (result ready, closed).' })
  currentStep: CaseStepView | null;

  @ApiProperty({ type: [CaseStepView], description: 'The steps template in order (an inter-agency procedure chains several agencies), each with its share, its due time once reached, and for a finished step the working time spent against the share.' })
  steps: CaseStepView[];

  @ApiProperty({
    description: 'Submitted online and not yet accepted by the one-stop desk (national status 1): reception accepts it (`accept`, the time limit then counted from the acceptance), refuses it or requests a supplement.',
  })
  awaitingAcceptance: boolean;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:00+07:00', description: 'When the desk accepted an online dossier; null for one received at the counter or by post, or not yet accepted.' })
  acceptedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'specialist.stp' })
  assignee: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình', description: 'The assigned officer\'s name, as the officer directory (`/officers`) knows it.' })
  assigneeName: string | null;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The legal due date: statutory time from receipt, moved out by time waiting for supplements. Lateness is judged by it.' })
  dueAt: string;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment told to the applicant: the due date, or the one an apology (form 04) set.' })
  appointmentAt: string;

  @ApiProperty({ enum: LATENESS_STATES, example: 'on_time', description: 'Against the due date: overdue past it, at risk within AT_RISK_WORKING_MINUTES of it (the sweep\'s mark, refreshed by every action).' })
  lateness: string;

  @ApiProperty({ example: 1200, description: 'Working minutes spent in total, without supplement waits.' })
  spentMinutes: number;

  @ApiProperty({ example: 0, description: 'Working minutes spent waiting for the applicant\'s supplements.' })
  waitedMinutes: number;

  @ApiProperty({ example: false, description: 'Eligible for "4 tại chỗ" and received at the counter.' })
  onTheSpotEligible: boolean;

  @ApiProperty({ example: false, description: 'Handled "4 tại chỗ": received, appraised, approved and returned in one visit.' })
  handledOnTheSpot: boolean;

  @ApiProperty({ example: 'counter' })
  resultDelivery: string;

  @ApiProperty({ type: SupplementRequestView, nullable: true, description: 'The supplement request in progress (form 02 data: its items, the answers so far and what is still missing); null once answered (see supplementRequests).' })
  supplementRequest: SupplementRequestView | null;

  @ApiProperty({ type: [SupplementRequestView], description: 'Every supplement request of the case, oldest first, with what was missing and when it was answered.' })
  supplementRequests: SupplementRequestView[];

  @ApiProperty({ type: CaseApologyView, nullable: true, description: 'The apology and new appointment (form 04 data), once issued.' })
  apology: CaseApologyView | null;

  @ApiProperty({ type: CaseOutcomeView, nullable: true })
  outcome: CaseOutcomeView | null;

  @ApiProperty({
    enum: OFFICER_ACTIONS,
    isArray: true,
    example: ['claim', 'forward', 'refuse', 'request_supplement'],
    description:
      'The actions the caller may take on the case now (the buttons to show): allowed by the case\'s state and step, done by one of the caller\'s roles in the agency where the case is, and not assigned to another officer (a leader acts on any). What depends on the input is judged when the action is sent: the assignee, whether the post has brought a result back (`mark_returned` without a `reason`), the new appointment of an apology.',
  })
  allowedActions: OfficerAction[];
}

/** A case in a worklist. */
export class WorklistItem {
  @ApiProperty({ example: '000.00.01.H56-260316-0001' })
  dossierCode: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  procedureName: string;

  @ApiProperty({ enum: CASE_STATES, example: 'in_step' })
  state: CaseState;

  @ApiProperty({ enum: STEP_KINDS, example: 'appraise' })
  stepKind: StepKind;

  @ApiProperty({ example: '000.00.02.H56' })
  agencyCode: string;

  @ApiProperty({ type: String, nullable: true })
  assignee: string | null;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The case\'s legal due date.' })
  dueAt: string;

  @ApiProperty({ enum: ['on_time', 'at_risk', 'overdue'], example: 'on_time', description: 'The case against its due date (the sweep\'s mark): what the order and the reports go by.' })
  lateness: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-19T10:00:00+07:00', description: 'When the current step\'s share runs out (see the case\'s `currentStep.dueAt`); null with a result ready, or for a case opened while the calendar could not be read, until the sweep computes it.' })
  stepDueAt: string | null;

  @ApiProperty({ example: true, description: 'The current step is past `stepDueAt` (judged at the request; the clock stands while a supplement is awaited): the unit has used up its share, even while the case as a whole is on time.' })
  stepOverdue: boolean;
}

/**
 * One step with its clock. The step the case is at (`current`) is judged against its due time
 * at `now` (the case's `stepDueAt` column, which the sweep's backfill also fills); a finished one
 * by its working time spent against its share.
 */
function stepView(c: Case, index: number, now: Date, current: boolean, spentSoFar?: number): CaseStepView {
  const step = c.steps[index];
  const spentMinutes = step.spentMinutes ?? (step.startedAt && !step.finishedAt && spentSoFar !== undefined ? spentSoFar : null);
  const due = current ? c.stepDueAt : step.dueAt ? new Date(step.dueAt) : null;
  const finished = step.finishedAt !== null && step.spentMinutes !== null;
  const overrun = spentMinutes !== null ? stepOverrun(spentMinutes, step.workingMinutes) : null;
  return {
    position: index + 1,
    kind: step.kind,
    agencyCode: step.agencyCode,
    allottedMinutes: step.workingMinutes,
    startedAt: step.startedAt ? formatLocal(new Date(step.startedAt)) : null,
    dueAt: due ? formatLocal(due) : null,
    finishedAt: step.finishedAt ? formatLocal(new Date(step.finishedAt)) : null,
    spentMinutes,
    overdue: current ? stepOverdue(due, c.pausedAt, now) : finished ? overrun!.overShare : null,
    overrunMinutes: overrun ? overrun.overrunMinutes : null,
    officer: step.officer,
  };
}

function supplementRequestView(r: SupplementRequestRecord): SupplementRequestView {
  const local = (instant: string | null) => (instant ? formatLocal(new Date(instant)) : null);
  return {
    requestedAt: local(r.requestedAt)!,
    requestedBy: r.requestedBy,
    stepKind: r.stepKind,
    agencyCode: r.agencyCode,
    documents: itemsOf(r),
    answers: (r.answers ?? []).map((a) => ({
      receivedAt: local(a.receivedAt)!,
      items: a.items.map((i) => ({ item: i.item, requirement: i.requirement, name: i.name, quantity: i.quantity, fileIds: i.fileIds ?? [] })),
      note: a.note,
      complete: a.complete,
    })),
    outstanding: outstandingOf(r),
    note: r.note,
    answeredAt: local(r.answeredAt),
    answerNote: r.answerNote,
    waitedMinutes: r.waitedMinutes,
  };
}

/**
 * The request awaited: its record in the history (with the answers so far), or for a case whose
 * request was made before the history was kept, the request alone.
 */
function pendingRequestView(c: Case): SupplementRequestView | null {
  if (!c.supplementRequest) return null;
  const records = c.supplementRequests ?? [];
  const last = records.at(-1);
  const record: SupplementRequestRecord =
    last && last.answeredAt === null && last.requestedAt === c.supplementRequest.requestedAt
      ? last
      : { ...c.supplementRequest, stepKind: null, agencyCode: null, answeredAt: null, answerNote: null, waitedMinutes: null };
  return supplementRequestView(record);
}

/** `allowedActions`: what the caller may do now (case-permissions.ts, allowedActionsOf). */
export function toCaseView(c: Case, now: Date, currentSpent: number, allowedActions: OfficerAction[]): CaseView {
  const open = c.state === 'in_step' || c.state === 'awaiting_supplement' || c.state === 'awaiting_payment';
  const status = dossierStatusOf(c.state, c.currentStepKind, c.stepIndex, c.awaitingAcceptance);
  const finishedSpent = c.steps.reduce((sum, s) => sum + (s.spentMinutes ?? 0), 0);
  return {
    dossierCode: c.dossierCode,
    procedureCode: c.procedureCode,
    procedureName: c.procedureName,
    state: c.state,
    dossierStatus: status,
    nationalStatusCode: nationalStatusCode(status),
    currentStep: open ? stepView(c, c.stepIndex, now, true, currentSpent) : null,
    steps: c.steps.map((_, i) => (i === c.stepIndex && open ? stepView(c, i, now, true, currentSpent) : stepView(c, i, now, false))),
    awaitingAcceptance: c.awaitingAcceptance,
    acceptedAt: c.acceptedAt ? formatLocal(c.acceptedAt) : null,
    assignee: c.assignee,
    assigneeName: c.assigneeName,
    receivedAt: formatLocal(c.receivedAt),
    dueAt: formatLocal(c.dueAt),
    appointmentAt: formatLocal(c.appointmentAt),
    lateness: c.lateness,
    spentMinutes: finishedSpent + (open ? currentSpent : 0),
    waitedMinutes: c.waitedMinutes,
    onTheSpotEligible: c.onTheSpotEligible,
    handledOnTheSpot: c.handledOnTheSpot,
    resultDelivery: c.resultDelivery,
    supplementRequest: pendingRequestView(c),
    supplementRequests: (c.supplementRequests ?? []).map(supplementRequestView),
    // Kept as toISOString() wrote them (UTC); shown as every time of the API is, in +07:00.
    apology: c.apology
      ? { ...c.apology, issuedAt: formatLocal(new Date(c.apology.issuedAt)), previousAppointmentAt: formatLocal(new Date(c.apology.previousAppointmentAt)), newAppointmentAt: formatLocal(new Date(c.apology.newAppointmentAt)) }
      : null,
    outcome: c.outcome ? { ...c.outcome, at: formatLocal(new Date(c.outcome.at)) } : null,
    allowedActions,
  };
}
