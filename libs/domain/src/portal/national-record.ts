import type { Channel, DossierStatus, ResultDeliveryMethod } from '../intake/dossier.js';

/**
 * What intake knows of a dossier that the National Public Service Portal is told (read by the
 * portal connector when it sends a push, over intake's internal API): the applicant, the
 * documents with their files, the supplement requests and answers, the fees. Personal data:
 * it travels only between the services and to the configured portal, and is never logged.
 */
export interface NationalDossierRecord {
  dossierCode: string;
  /** The portal's own code for a dossier it pushed to us, else null. */
  externalId: string | null;
  procedureCode: string;
  procedureName: string;
  fieldCode: string;
  levelCode: string;
  channel: Channel;
  receivingAgencyCode: string;
  receivingAgencyName: string;
  competentAgencyCode: string;
  applicant: { kind: 'person' | 'organisation'; name: string; idNumber: string; phone: string; email: string | null; address: { detail: string; commune: string; province: string } };
  /** ISO 8601 instants. */
  receivedAt: string;
  appointmentAt: string;
  dueAt: string;
  status: DossierStatus;
  nationalStatusCode: number;
  resultDelivery: ResultDeliveryMethod;
  feesPaidOnline: boolean;
  /** The procedure documents provided (thành phần hồ sơ), by their position in the version's list. */
  documents: Array<{ requirement: number; name: string; quantity: number }>;
  /** The uploaded files, oldest first. */
  files: Array<{ id: string; fileName: string; mediaType: string; requirement: number | null; requirementName: string | null; uploadedAt: string }>;
  /** Supplement requests (form 02), oldest first, with the applicant's answers. */
  supplementRequests: Array<{ requestedAt: string; items: Array<{ name: string; note: string | null }>; note: string | null; answeredAt: string | null; completedAt: string | null }>;
  /** The apology and new appointment (form 04), when one was issued. */
  apology: { issuedAt: string; newAppointmentAt: string } | null;
  /** Fees assessed, whole VND (empty until the payment service provides them). */
  fees: Array<{ code: string; name: string; amountVnd: number; kind: 'fee' | 'charge'; paidOnline: boolean }>;
}
