import type { DossierStatus, NationalStatusCode, ResultDeliveryMethod } from '../intake/dossier.js';
import type { SupplementItem } from '../intake/supplement.js';
import type { StepKind } from '../catalog/procedure.js';
import { CASE_ACTIONS } from '../workflow/case-machine.js';

/**
 * What a progress step did, as data: the case actions, and the steps that are no officer's
 * action on a case: intake's reception (`receive`, or `register` for an online dossier waiting
 * for the desk), the applicant's supplement taken by intake, an electronic result reaching the
 * applicant as it is issued, and a result the post brought back undelivered.
 */
export const PROGRESS_ACTIONS = [...CASE_ACTIONS, 'receive', 'register', 'supplement_received', 'result_delivered_electronically', 'result_returned_by_post'] as const;
export type ProgressAction = (typeof PROGRESS_ACTIONS)[number];

/**
 * Workflow moved a dossier on: each step the national portal's progress feed shows (unit,
 * officer title, content, status code, start date and statutory end date).
 */
export interface DossierStatusChangedV1 {
  dossierCode: string;
  status: DossierStatus;
  nationalStatusCode: NationalStatusCode;
  /** When it happened, ISO 8601. */
  at: string;
  /** The unit (agency code) acting, and its name for people. */
  unitCode: string;
  unitName: string | null;
  officerName: string | null;
  officerTitle: string | null;
  /** What happened, in words, e.g. "Chuyển thẩm định". */
  content: string;
  /** The appointment date in force after this change (moved out by supplements, reset by an apology). */
  appointmentAt: string;
  /** The legal due date lateness is judged by: moved out by supplements, never by an apology. */
  dueAt: string;
  /** Monotonic per dossier, so a late redelivery never moves the status backwards. */
  sequence: number;
  /**
   * With status `supplement_requested`: what the request (form 02) asks for, item by item, so
   * intake can take the applicant's answer against it. Absent in events written before.
   */
  supplementRequest?: { requestedAt: string; items: SupplementItem[]; note: string | null };
  /** The apology and new appointment (form 04) issued for the dossier, null when none; absent in events written before. */
  apology?: { issuedAt: string; newAppointmentAt: string } | null;
}

/**
 * Version 2: the step as data, so no reader has to recognise it from its words. `step.action`
 * says what happened (null only for a version 1 event read as version 2); `content` keeps the
 * words for officers and the applicant, and `step.note` the free text that came with the step
 * (a reason, an officer's note), which the public lookup never shows.
 */
export type DossierStatusChangedV2 = Omit<DossierStatusChangedV1, 'unitCode' | 'unitName' | 'officerName' | 'officerTitle'> & {
  /** The unit, the officer and the action of the step, and its times. */
  step: ProgressStep;
};

/** One step of a dossier's progress, as the national portal's progress feed shows it. */
export interface ProgressStep {
  /** Null when not known (a version 1 event). */
  action: ProgressAction | null;
  /** The unit the dossier is at after the step, and its name then (null when catalog could not say). */
  unit: { code: string; name: string | null };
  /** The officer who acted (chức danh: title); null for what the system or the applicant did. */
  officer: { name: string | null; title: string | null } | null;
  /** The kind of the step the dossier is at after this change (null when at none); absent in events written before. */
  kind?: StepKind | null;
  /** When the step the dossier is at began, and when its share of the time limit ends (null when not known). */
  startedAt: string | null;
  statutoryEndAt: string | null;
  /** The free text that came with the step (a reason, an officer's note), apart from the standard words. */
  note: string | null;
}

/**
 * A DossierStatusChanged of either version in the shape of version 2. Version 1 events (stored
 * before version 2) have no action and no step times, and their free text is only inside
 * `content`, as it was written.
 */
export function dossierStatusChangedOf(version: number, payload: DossierStatusChangedV1 | DossierStatusChangedV2): DossierStatusChangedV2 {
  if (version >= 2) return payload as DossierStatusChangedV2;
  const { unitCode, unitName, officerName, officerTitle, ...rest } = payload as DossierStatusChangedV1;
  return {
    ...rest,
    step: {
      action: null,
      unit: { code: unitCode, name: unitName },
      officer: officerName === null && officerTitle === null ? null : { name: officerName, title: officerTitle },
      startedAt: null,
      statutoryEndAt: null,
      note: null,
    },
  };
}

/** The result is ready: returned at the counter, delivered electronically, or handed to the post. */
export interface ResultReadyV1 {
  dossierCode: string;
  /** The agency that returns the result (the last step's). */
  agencyCode: string;
  deliveryMethod: ResultDeliveryMethod;
  resultKind: 'electronic' | 'paper';
  /** The number of the decision, licence or certificate issued. */
  documentNumber: string;
  readyAt: string;
}

/** What the lateness sweep found: the case's legal due date is near or past, or its current step used up its share. */
export type CaseLatenessMark = 'at_risk' | 'overdue' | 'step_overdue';

/**
 * The lateness sweep marked a case: at risk (due within AT_RISK_WORKING_MINUTES, sắp đến hạn),
 * overdue (past its legal due date, quá hạn), or past its current step's share of the time. Once
 * per mark and case: the officers holding the case are told (notification).
 */
export interface CaseLatenessMarkedV1 {
  dossierCode: string;
  mark: CaseLatenessMark;
  /** The unit where the case is, and its current step. */
  agencyCode: string;
  stepKind: string | null;
  /** The due time that was near or passed: the case's legal due date, or the step's own for step_overdue. */
  dueAt: string;
  markedAt: string;
}
