import { isoWeekday, localDayNumber, toLocalIsoDate } from '../calendar/local-time.js';
import type { DocumentForm, ProcedureContent } from '../catalog/procedure.js';

/** How a dossier reached the agency; the national portal's channel codes are 1, 2 and 3. */
export const CHANNELS = ['counter', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];
export const NATIONAL_CHANNEL_CODES: Record<Channel, 1 | 2 | 3> = { counter: 1, online: 2, post: 3 };

/** Where the applicant takes the result: at the counter, electronically, or by public post. */
export const RESULT_DELIVERY_METHODS = ['counter', 'online', 'post'] as const;
export type ResultDeliveryMethod = (typeof RESULT_DELIVERY_METHODS)[number];

export const APPLICANT_KINDS = ['person', 'organisation'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/**
 * A dossier's status as the National Public Service Portal codes it: 1 newly registered,
 * 2 accepted, 3 not accepted (refused), 4 processing, 5 supplement requested, 6 payment of fees
 * requested, 7 withdrawn, 8 stopped, 9 processed (result ready), 10 result returned.
 */
export const DOSSIER_STATUSES = [
  'registered',
  'accepted',
  'refused',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'processed',
  'returned',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export type NationalStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export function nationalStatusCode(status: DossierStatus): NationalStatusCode {
  return (DOSSIER_STATUSES.indexOf(status) + 1) as NationalStatusCode;
}

/** What each national status code means (../shared/DOMAIN.md), by code: the portal's words and ours. */
export const NATIONAL_STATUS_MEANINGS: Readonly<Record<NationalStatusCode, string>> = {
  1: 'newly registered (mới đăng ký): submitted online or pushed by the portal, not yet accepted',
  2: 'accepted (đã tiếp nhận)',
  3: 'not accepted, refused (không được tiếp nhận / từ chối)',
  4: 'processing (đang xử lý)',
  5: 'supplement requested (yêu cầu bổ sung)',
  6: 'payment of fees requested (yêu cầu thực hiện nghĩa vụ tài chính)',
  7: 'withdrawn by the applicant (công dân rút hồ sơ)',
  8: 'stopped (dừng xử lý)',
  9: 'processed, result ready (đã xử lý xong)',
  10: 'result returned (đã trả kết quả)',
};

/** Statuses after which nothing more happens to a dossier but rating and complaints. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['refused', 'withdrawn', 'stopped', 'returned'];
/** The applicant may withdraw until the result is ready. */
export const WITHDRAWABLE_STATUSES: readonly DossierStatus[] = ['registered', 'accepted', 'processing', 'supplement_requested', 'payment_requested'];
/** The applicant rates the service once the result is ready or returned. */
export const RATABLE_STATUSES: readonly DossierStatus[] = ['processed', 'returned'];

/**
 * Dossier code `{agency code}-{yyMMdd}-{4-digit sequence}`, the sequence per receiving agency
 * and reset daily (local date), e.g. `000.00.00.H56-240315-0001`.
 */
export function formatDossierCode(agencyCode: string, receivedAt: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new Error(`sequence ${sequence} is outside 1-9999`);
  const date = toLocalIsoDate(receivedAt);
  return `${agencyCode}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;

/**
 * Which dossier, under which procedure version, at which agencies: what the DossierReceived
 * event and workflow's case record both carry.
 */
export interface DossierProcedureRef {
  dossierCode: string;
  procedureCode: string;
  procedureVersionNo: number;
  procedureName: string;
  fieldCode: string;
  levelCode: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
}

/** A document the applicant provides, against the procedure's list (1-based position). */
export interface ProvidedDocument {
  requirement: number;
  quantity: number;
  form?: DocumentForm;
}

export interface MissingDocument {
  requirement: number;
  name: string;
  form: DocumentForm;
  quantity: number;
}

/** What reception knows when it judges a dossier. */
export interface ReceptionFacts {
  procedure: ProcedureContent;
  /** Whether the version in force at receipt still accepts dossiers (not abolished). */
  acceptsDossiers: boolean;
  channel: Channel;
  agencyCode: string;
  /** The agency's online-only weekdays (ISO 1-5), Hải Phòng pilot. */
  agencyOnlineOnlyWeekdays: number[];
  receivedAt: Date;
  delivery: ResultDeliveryMethod;
  documents: ProvidedDocument[];
}

/** A reason reception refuses a dossier: a stable code, the field at fault, words for people. */
export interface ReceptionRefusal {
  code: string;
  field: string;
  reason: string;
}

/**
 * The checks at reception, in the order an officer makes them; an empty list means the
 * dossier is received. Missing required documents are reported separately (missingDocuments)
 * since they call for a supplement request (form 02) rather than a refusal.
 */
export function receptionRefusals(facts: ReceptionFacts): ReceptionRefusal[] {
  const { procedure, channel } = facts;
  const refusals: ReceptionRefusal[] = [];
  if (!facts.acceptsDossiers) {
    refusals.push({ code: 'procedure-abolished', field: 'procedureCode', reason: 'the procedure was abolished and no longer accepts dossiers' });
    return refusals;
  }
  if (!procedure.receivingAgencyCodes.includes(facts.agencyCode)) {
    refusals.push({ code: 'agency-does-not-receive', field: 'agencyCode', reason: `agency ${facts.agencyCode} does not receive dossiers for this procedure` });
  }
  if (channel === 'online' && procedure.onlineLevel < 3) {
    refusals.push({ code: 'channel-not-allowed', field: 'channel', reason: `the procedure is offered at online level ${procedure.onlineLevel}; dossiers are submitted online from level 3` });
  }
  if (channel === 'post' && !procedure.acceptsDossierByPost) {
    refusals.push({ code: 'channel-not-allowed', field: 'channel', reason: 'the procedure does not accept dossiers by post' });
  }
  // Hải Phòng pilot: on the agency's online-only weekdays, listed procedures are received online only.
  if (channel === 'counter' && procedure.onlineOnlyListed && facts.agencyOnlineOnlyWeekdays.includes(isoWeekday(localDayNumber(toLocalIsoDate(facts.receivedAt))))) {
    refusals.push({
      code: 'online-only-day',
      field: 'channel',
      reason: 'today this procedure is received online only at this agency: help the applicant submit it online',
    });
  }
  if (facts.delivery === 'post' && !procedure.deliversResultByPost) {
    refusals.push({ code: 'delivery-not-offered', field: 'resultDelivery.method', reason: 'the procedure does not deliver results by post' });
  }
  if (facts.delivery === 'online' && procedure.onlineLevel < 4) {
    refusals.push({ code: 'delivery-not-offered', field: 'resultDelivery.method', reason: 'results are returned online only for level 4 services' });
  }
  facts.documents.forEach((document, index) => {
    if (document.requirement > procedure.documents.length) {
      refusals.push({ code: 'unknown-document', field: `documents[${index}].requirement`, reason: `the procedure lists ${procedure.documents.length} documents` });
    }
  });
  return refusals;
}

/** Required documents not provided in the quantity asked (the supplement request's list). */
export function missingDocuments(procedure: ProcedureContent, provided: ProvidedDocument[]): MissingDocument[] {
  const given = new Map<number, number>();
  for (const document of provided) given.set(document.requirement, (given.get(document.requirement) ?? 0) + document.quantity);
  return procedure.documents.flatMap((required, index) =>
    required.required && (given.get(index + 1) ?? 0) < required.quantity
      ? [{ requirement: index + 1, name: required.name, form: required.form, quantity: required.quantity - (given.get(index + 1) ?? 0) }]
      : [],
  );
}

/** The progress entry of a reception, by channel (also the public lookup's wording for it). */
export const RECEPTION_NOTES: Readonly<Record<Channel, string>> = {
  counter: 'Tiếp nhận hồ sơ tại bộ phận một cửa',
  online: 'Tiếp nhận hồ sơ trực tuyến',
  post: 'Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích',
};

/** The progress entry of a dossier submitted online that waits for the desk's acceptance (status 1). */
export const ONLINE_REGISTRATION_NOTE = 'Nộp hồ sơ trực tuyến, chờ bộ phận một cửa tiếp nhận';
