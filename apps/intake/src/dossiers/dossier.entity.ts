import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, DossierStatus, ProvidedDocument, ResultDeliveryMethod, SuppliedItem, SupplementItem } from '@onestop/domain';

export type DossierSource = 'officer' | 'citizen' | 'national_portal' | 'postal';

export interface StoredAddress {
  detail: string;
  commune: string;
  province: string;
}

export interface StoredApplicant {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  phone: string;
  email?: string;
  address: StoredAddress;
}

export interface StoredResultDelivery {
  method: ResultDeliveryMethod;
  address?: StoredAddress;
  receiverName?: string;
  receiverPhone?: string;
}

/** A provided document with the name and form the procedure version asked for. */
export interface StoredDocument extends ProvidedDocument {
  name: string;
  requiredForm: string;
  /** When it came with a supplement; absent for the documents received at reception. */
  supplementedAt?: string;
  /** The uploaded files that carry it (supplements name them). */
  fileIds?: string[];
}

/** One answer of the applicant to a supplement request. */
export interface StoredSupplementAnswer {
  receivedAt: string;
  items: SuppliedItem[];
  note: string | null;
  /** Nothing the request asked for was missing after it. */
  complete: boolean;
}

/** A supplement request (form 02) as workflow announced it, with the applicant's answers. */
export interface StoredSupplementRequest {
  requestedAt: string;
  items: SupplementItem[];
  note: string | null;
  answers: StoredSupplementAnswer[];
  /** When an answer completed it (the clock resumed); null while items are missing. */
  completedAt: string | null;
}

/** The apology and new appointment (form 04) workflow announced. */
export interface StoredApology {
  issuedAt: string;
  newAppointmentAt: string;
}

/** A dossier (hồ sơ) as received, and its current status from workflow's events. */
@Entity({ name: 'dossiers' })
export class Dossier {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'lookup_secret', type: 'text' })
  lookupSecret: string;

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

  @Column({ name: 'receiving_agency_name', type: 'text' })
  receivingAgencyName: string;

  @Column({ name: 'competent_agency_code', type: 'text' })
  competentAgencyCode: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text' })
  source: DossierSource;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  /** The fingerprint of the national portal's push it came from, so a changed push under the same externalId is told apart. */
  @Column({ name: 'source_request_hash', type: 'text', nullable: true })
  sourceRequestHash: string | null;

  @Column({ type: 'jsonb' })
  applicant: StoredApplicant;

  @Column({ name: 'applicant_name', type: 'text' })
  applicantName: string;

  @Column({ name: 'owner_subject', type: 'text', nullable: true })
  ownerSubject: string | null;

  @Column({ name: 'received_by', type: 'text' })
  receivedBy: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'counting_from', type: 'timestamptz' })
  countingFrom: Date;

  @Column({ name: 'appointment_at', type: 'timestamptz' })
  appointmentAt: Date;

  /** The statutory end date (hạn giải quyết), moved out by supplements; lateness is judged by it. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'processing_minutes', type: 'integer' })
  processingMinutes: number;

  /** When the clock stopped for the applicant (a supplement or a fee asked), while it stands; lateness is judged as at that time. */
  @Column({ name: 'clock_stopped_at', type: 'timestamptz', nullable: true })
  clockStoppedAt: Date | null;

  /** Every supplement request workflow announced (with its items), oldest first, and the answers to each. */
  @Column({ name: 'supplement_requests', type: 'jsonb' })
  supplementRequests: StoredSupplementRequest[];

  @Column({ type: 'jsonb', nullable: true })
  apology: StoredApology | null;

  @Column({ name: 'result_delivery', type: 'jsonb' })
  resultDelivery: StoredResultDelivery;

  @Column({ type: 'jsonb' })
  documents: StoredDocument[];

  @Column({ name: 'on_the_spot', type: 'boolean' })
  onTheSpot: boolean;

  @Column({ name: 'fees_paid_online', type: 'boolean' })
  feesPaidOnline: boolean;

  @Column({ type: 'text' })
  status: DossierStatus;

  @Column({ name: 'national_status', type: 'smallint' })
  nationalStatus: number;

  @Column({ name: 'status_sequence', type: 'integer' })
  statusSequence: number;

  @Column({ name: 'rating_score', type: 'smallint', nullable: true })
  ratingScore: number | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
