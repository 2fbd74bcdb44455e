import type { DossierProcedureRef, ResultDeliveryMethod } from '../intake/dossier.js';
import type { StepKind } from '../catalog/procedure.js';
import type { SuppliedItem, SupplementItem } from '../intake/supplement.js';
import type { CaseState, Lateness } from './case-machine.js';

/** One step of the case's template, with its clock. */
export interface CaseStep {
  kind: StepKind;
  agencyCode: string;
  /** This step's share of the statutory time, in working minutes. */
  workingMinutes: number;
  startedAt: string | null;
  /**
   * When this step's share runs out: entry + workingMinutes on the working calendar, moved out by
   * supplement waits at the step. Null for a step not reached; absent on steps entered before the
   * step clock (workflow's migration 1732300580000).
   */
  dueAt?: string | null;
  finishedAt: string | null;
  /** Working minutes spent, not counting time waiting for the applicant's supplement. */
  spentMinutes: number | null;
  pausedMinutes: number;
  officer: string | null;
}

export interface SupplementRequest {
  requestedAt: string;
  requestedBy: string;
  /**
   * The items asked for (form 02), numbered: documents of the procedure's list and extra items.
   * Requests stored before they were itemised hold `{ name, note }` only (free text), read as
   * extra items (supplementItemsOf).
   */
  documents: Array<SupplementItem | { name: string; note?: string }>;
  note: string | null;
}

/** One answer of the applicant to a request: what came, item by item, and whether it completed the request. */
export interface SupplementAnswer {
  receivedAt: string;
  items: SuppliedItem[];
  note: string | null;
  /** The request had nothing left missing after it: the clock resumed. */
  complete: boolean;
}

/**
 * One supplement request (form 02 data) as the case keeps it after the applicant answers: what
 * was missing, when and by whom it was asked, at which step, and when the supplement arrived.
 */
export interface SupplementRequestRecord extends SupplementRequest {
  /** The step the case was at; null for requests recorded before the history was kept. */
  stepKind: StepKind | null;
  agencyCode: string | null;
  /** When the applicant's supplement arrived and processing resumed; null while awaited or if the case closed first. */
  answeredAt: string | null;
  /** The applicant's note with the supplement. */
  answerNote: string | null;
  /** Working minutes the clock stood still for this request; null while awaited or if not known. */
  waitedMinutes: number | null;
  /** The applicant's answers, oldest first (a partial one leaves the clock stopped); absent on requests recorded before answers were kept. */
  answers?: SupplementAnswer[];
}

export interface Apology {
  issuedAt: string;
  issuedBy: string;
  unitCode: string;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
}

/** How the case ended or what it produced: the result, a refusal, a stop, a withdrawal. */
export interface CaseOutcome {
  kind: 'result' | 'refusal' | 'stop' | 'withdrawal';
  at: string;
  by: string;
  reason?: string;
  resultKind?: 'electronic' | 'paper';
  documentNumber?: string;
  summary?: string;
}

/**
 * A processing case (hồ sơ đang giải quyết) as the rules see it: what workflow stores of it,
 * without the storage. Workflow's entity has these very fields.
 */
export interface CaseRecord extends DossierProcedureRef {
  channel: string;
  resultDelivery: ResultDeliveryMethod;
  receivedAt: Date;
  countingFrom: Date;
  processingMinutes: number;
  dueAt: Date;
  appointmentAt: Date;
  onTheSpotEligible: boolean;
  /** Submitted online and not yet accepted by the one-stop desk (national status 1). */
  awaitingAcceptance: boolean;
  /** When the desk accepted an online dossier; its time limit counts from then. */
  acceptedAt: Date | null;
  handledOnTheSpot: boolean;
  feesPaidOnline: boolean;
  state: CaseState;
  stepIndex: number;
  steps: CaseStep[];
  currentAgencyCode: string;
  currentStepKind: StepKind;
  assignee: string | null;
  assigneeName: string | null;
  lateness: Lateness;
  /** The current step's due time (its `dueAt`); null at no step, or while still to be computed. */
  stepDueAt: Date | null;
  /** The mark that the current step is past its due time (the sweep's, refreshed by every action). */
  stepOverdue: boolean;
  pausedAt: Date | null;
  waitedMinutes: number;
  /** The request awaited now. */
  supplementRequest: SupplementRequest | null;
  /** Every supplement request of the case, oldest first, answered or not (supplementRequest is the one awaited). */
  supplementRequests: SupplementRequestRecord[];
  apology: Apology | null;
  outcome: CaseOutcome | null;
  statusSequence: number;
  finishedAt: Date | null;
}
