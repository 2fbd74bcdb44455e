import type { ProcessingStep } from '../catalog/procedure.js';
import type { Channel, ProvidedDocument, ResultDeliveryMethod } from '../intake/dossier.js';

/**
 * A dossier was received (tiếp nhận) on any channel: what workflow needs to open a case and
 * reporting needs to count it. No personal data of the applicant travels.
 */
export interface DossierReceivedV1 {
  dossierCode: string;
  procedureCode: string;
  procedureVersionNo: number;
  procedureName: string;
  fieldCode: string;
  levelCode: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
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
}

/** The applicant supplied what a supplement request asked for; workflow resumes the clock. */
export interface SupplementReceivedV1 {
  dossierCode: string;
  receivedAt: string;
  documents: ProvidedDocument[];
  note: string | null;
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
