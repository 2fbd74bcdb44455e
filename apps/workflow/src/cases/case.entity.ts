import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseState, Lateness, ResultDeliveryMethod, StepKind, SuppliedItem, SupplementItem } from '@onestop/domain';

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
   * step clock (migration 1732300580000).
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

/** A processing case (hồ sơ đang giải quyết): one per received dossier. */
@Entity({ name: 'cases' })
export class Case {
  @PrimaryColumn({ name: 'dossier_code', type: 'text' })
  dossierCode: string;

  @Column({ name: 'procedure_code', type: 'text' })
  procedureCode: string;

  @Column({ name: 'procedure_version_no', type: 'integer' })
  procedureVersionNo: number;

  @Column({ name: 'procedure_name', type: 'text' })
  procedureName: string;

  @Column({ name: 'field_code', type: 'text' })
  fieldCode: string;

  @Column({ name: 'level_code', type: 'text' })
  levelCode: string;

  @Column({ name: 'receiving_agency_code', type: 'text' })
  receivingAgencyCode: string;

  @Column({ name: 'competent_agency_code', type: 'text' })
  competentAgencyCode: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'result_delivery', type: 'text' })
  resultDelivery: ResultDeliveryMethod;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'counting_from', type: 'timestamptz' })
  countingFrom: Date;

  @Column({ name: 'processing_minutes', type: 'integer' })
  processingMinutes: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'appointment_at', type: 'timestamptz' })
  appointmentAt: Date;

  @Column({ name: 'on_the_spot_eligible', type: 'boolean' })
  onTheSpotEligible: boolean;

  /** Submitted online and not yet accepted by the one-stop desk (national status 1). */
  @Column({ name: 'awaiting_acceptance', type: 'boolean', default: false })
  awaitingAcceptance: boolean;

  /** When the desk accepted an online dossier; its time limit counts from then. */
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'handled_on_the_spot', type: 'boolean' })
  handledOnTheSpot: boolean;

  @Column({ name: 'fees_paid_online', type: 'boolean' })
  feesPaidOnline: boolean;

  @Column({ type: 'text' })
  state: CaseState;

  @Column({ name: 'step_index', type: 'integer' })
  stepIndex: number;

  @Column({ type: 'jsonb' })
  steps: CaseStep[];

  @Column({ name: 'current_agency_code', type: 'text' })
  currentAgencyCode: string;

  @Column({ name: 'current_step_kind', type: 'text' })
  currentStepKind: StepKind;

  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ name: 'assignee_name', type: 'text', nullable: true })
  assigneeName: string | null;

  @Column({ type: 'text' })
  lateness: Lateness;

  /** The current step's due time (its `dueAt`); null at no step, or while still to be computed (step_clock_pending). */
  @Column({ name: 'step_due_at', type: 'timestamptz', nullable: true })
  stepDueAt: Date | null;

  /** The mark that the current step is past its due time (the sweep's, refreshed by every action). */
  @Column({ name: 'step_overdue', type: 'boolean' })
  stepOverdue: boolean;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ name: 'waited_minutes', type: 'integer' })
  waitedMinutes: number;

  @Column({ name: 'supplement_request', type: 'jsonb', nullable: true })
  supplementRequest: SupplementRequest | null;

  /** Every supplement request of the case, oldest first, answered or not (supplementRequest is the one awaited). */
  @Column({ name: 'supplement_requests', type: 'jsonb' })
  supplementRequests: SupplementRequestRecord[];

  @Column({ type: 'jsonb', nullable: true })
  apology: Apology | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: CaseOutcome | null;

  @Column({ name: 'status_sequence', type: 'integer' })
  statusSequence: number;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
