import type { ProcessingStep } from '../catalog/procedure.js';
import type { Channel, DossierProcedureRef, ProvidedDocument, ResultDeliveryMethod } from '../intake/dossier.js';
import type { SuppliedItem, SupplementItem } from '../intake/supplement.js';

/**
 * A dossier was received (tiếp nhận) on any channel: what workflow needs to open a case and
 * reporting needs to count it. No personal data of the applicant travels.
 */
export interface DossierReceivedV1 extends DossierProcedureRef {
  channel: Channel;
  /** ISO 8601 instants. */
  receivedAt: string;
  countingFrom: string;
  /** Ngày hẹn trả. */
  appointmentAt: string;
  processingMinutes: number;
  /** The processing template of the version in force at receipt. */
  steps: ProcessingStep[];
  resultDelivery: ResultDeliveryMethod;
  /** Eligible for "4 tại chỗ" and received at the counter: may be handled in the same visit. */
  onTheSpot: boolean;
  feesPaidOnline: boolean;
  /** Who received it: the officer, the citizen online, the national portal or the postal worker. */
  receivedBy: string;
  /**
   * Submitted online and waiting for the one-stop desk to accept it (national status 1); the
   * appointment is provisional until then. Absent in events written before: accepted.
   */
  awaitingAcceptance?: boolean;
}

/**
 * The applicant answered a supplement request: workflow records what came and, once the answer
 * completes the request, resumes the clock. The optional fields came later; an event without
 * them (written before) is a complete answer of procedure documents only.
 */
export interface SupplementReceivedV1 {
  dossierCode: string;
  receivedAt: string;
  /** The procedure documents supplied (1-based positions in the version's list). */
  documents: ProvidedDocument[];
  note: string | null;
  /** What this answer supplied, by item of the request (form 02), with its files. */
  items?: SuppliedItem[];
  /** False while items of the request are still missing: the clock stays stopped. Absent: true. */
  complete?: boolean;
  /** The request's items still missing after this answer. */
  outstanding?: SupplementItem[];
}

/** The applicant withdrew the dossier before the result (status 7). */
export interface DossierWithdrawnV1 {
  dossierCode: string;
  withdrawnAt: string;
  reason: string;
  receivingAgencyCode: string;
}

/** The applicant rated the service, 1 (very dissatisfied) to 5 (very satisfied). */
export interface DossierRatedV1 {
  dossierCode: string;
  receivingAgencyCode: string;
  score: 1 | 2 | 3 | 4 | 5;
  ratedAt: string;
}

/** A complaint or petition (phản ánh, kiến nghị) was filed, or answered by officers. */
export interface ComplaintFiledV1 {
  complaintId: string;
  agencyCode: string;
  dossierCode: string | null;
  filedAt: string;
}

export interface ComplaintAnsweredV1 {
  complaintId: string;
  agencyCode: string;
  dossierCode: string | null;
  answeredAt: string;
}

/**
 * The applicant's personal data of a closed dossier reached the end of its retention (Decree
 * 13/2023): intake removed its own copy (name, identity number, contacts, address, documents'
 * files) and keeps the code, procedure, dates, statuses and figures. Each service holding a copy
 * removes it too. Carries nothing personal itself.
 */
export interface PersonalDataErasedV1 {
  dossierCode: string;
  erasedAt: string;
}
