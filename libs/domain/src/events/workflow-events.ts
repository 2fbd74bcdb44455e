import type { DossierStatus, NationalStatusCode } from '../intake/dossier.js';

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
  /** Monotonic per dossier, so a late redelivery never moves the status backwards. */
  sequence: number;
}
