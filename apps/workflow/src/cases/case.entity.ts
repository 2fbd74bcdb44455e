import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Apology, CaseOutcome, CaseRecord, CaseState, CaseStep, Lateness, ResultDeliveryMethod, StepKind, SupplementRequest, SupplementRequestRecord } from '@onestop/domain';

export type { Apology, CaseOutcome, CaseStep, SupplementAnswer, SupplementRequest, SupplementRequestRecord } from '@onestop/domain';

/** A processing case (hồ sơ đang giải quyết): one per received dossier, stored as the rules see it (CaseRecord). */
@Entity({ name: 'cases' })
export class Case implements CaseRecord {
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
