import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShipmentKind, ShipmentState } from '@onestop/domain';

export interface StoredAddress {
  detail: string;
  commune: string | null;
  province: string | null;
}

/** A sender or receiver: a person or an agency. */
export interface StoredParty {
  name: string;
  phone: string | null;
  address: StoredAddress;
}

export interface StoredParcel {
  description: string;
  weightGrams: number;
}

/** What a result delivery carries. */
export interface StoredResult {
  documentNumber: string;
  resultKind: 'electronic' | 'paper';
  readyAt: string;
}

/** A shipment (bưu gửi): a dossier collected from the applicant, or a result delivered to them. */
@Entity({ name: 'shipments' })
export class Shipment {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: ShipmentKind;

  @Column({ name: 'dossier_code', type: 'text', nullable: true })
  dossierCode: string | null;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode: string;

  @Column({ type: 'text' })
  carrier: string;

  @Column({ name: 'tracking_number', type: 'text', nullable: true })
  trackingNumber: string | null;

  @Column({ type: 'text' })
  state: ShipmentState;

  @Column({ name: 'state_at', type: 'timestamptz' })
  stateAt: Date;

  @Column({ name: 'failed_attempts', type: 'integer' })
  failedAttempts: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  @Column({ type: 'jsonb' })
  sender: StoredParty;

  @Column({ type: 'jsonb' })
  receiver: StoredParty;

  @Column({ type: 'jsonb' })
  parcel: StoredParcel;

  @Column({ name: 'postage_vnd', type: 'integer', nullable: true })
  postageVnd: number | null;

  @Column({ name: 'cod_vnd', type: 'integer' })
  codVnd: number;

  @Column({ type: 'jsonb', nullable: true })
  result: StoredResult | null;

  /** A pickup: the dossier as the postal worker took it (the body intake receives it with). */
  @Column({ type: 'jsonb', nullable: true })
  dossier: object | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt: Date | null;

  @Column({ name: 'last_event_sequence', type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  lastEventSequence: number | null;

  @Column({ name: 'last_news_at', type: 'timestamptz', nullable: true })
  lastNewsAt: Date | null;

  @Column({ name: 'order_attempts', type: 'integer' })
  orderAttempts: number;

  @Column({ name: 'order_next_attempt_at', type: 'timestamptz', nullable: true })
  orderNextAttemptAt: Date | null;

  @Column({ name: 'order_last_error', type: 'text', nullable: true })
  orderLastError: string | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;

  @Column({ name: 'received_by', type: 'text', nullable: true })
  receivedBy: string | null;

  @Column({ name: 'status_sequence', type: 'integer' })
  statusSequence: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
