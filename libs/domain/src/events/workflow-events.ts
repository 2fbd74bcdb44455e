import type { DossierStatus, NationalStatusCode, ResultDeliveryMethod } from '../intake/dossier.js';
import type { SupplementItem } from '../intake/supplement.js';

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
