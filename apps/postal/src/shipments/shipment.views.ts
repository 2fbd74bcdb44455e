import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_FAILURE_REASONS, formatLocal, SHIPMENT_KINDS, SHIPMENT_STATES, type ShipmentKind, type ShipmentState } from '@onestop/domain';
import type { Shipment, StoredParty } from './shipment.entity.js';

export class ShipmentAddressView {
  @ApiProperty({ example: 'Số 12 đường Trần Phú, tổ 3' })
  detail: string;

  @ApiProperty({ type: String, nullable: true, example: 'Phường Hai Bà Trưng' })
  commune: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Hà Nam' })
  province: string | null;
}

export class ShipmentPartyView {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '0912345678' })
  phone: string | null;

  @ApiProperty({ type: ShipmentAddressView })
  address: ShipmentAddressView;
}

export class ShipmentParcelView {
  @ApiProperty({ example: 'Kết quả giải quyết TTHC: Cấp giấy phép lái xe (125/GP-SGTVT)' })
  description: string;

  @ApiProperty({ example: 200 })
  weightGrams: number;
}

export class ShipmentResultView {
  @ApiProperty({ example: '125/GP-SGTVT' })
  documentNumber: string;

  @ApiProperty({ enum: ['electronic', 'paper'], example: 'paper' })
  resultKind: string;
}

/** The order to the carrier while it is not accepted: retried with back-off until it is. */
export class ShipmentCarrierOrderView {
  @ApiProperty({ example: 3, description: 'Attempts so far.' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, example: 'the carrier did not answer: HTTP 503' })
  lastError: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-20T10:01:00+07:00' })
  nextAttemptAt: string | null;
}

/** One entry of a shipment's history: every report, applied or not. */
export class ShipmentTrackingEntryView {
  @ApiProperty({ example: 'failed_delivery', description: 'What was reported: `accepted` (the carrier took the order) or a carrier status.' })
  reported: string;

  @ApiProperty({ enum: SHIPMENT_STATES, example: 'failed_delivery', description: 'The shipment\'s status after it.' })
  status: ShipmentState;

  @ApiProperty({ enum: ['applied', 'unchanged', 'out_of_order'], example: 'applied', description: '`out_of_order`: older than news already applied, kept here but not applied.' })
  outcome: string;

  @ApiProperty({ example: '2026-03-21T09:00:00+07:00', description: 'When it happened (the carrier\'s time).' })
  at: string;

  @ApiProperty({ type: Number, nullable: true, example: 4, description: 'The carrier\'s sequence number, when it gives one.' })
  sequence: number | null;

  @ApiProperty({ enum: ['carrier', 'poll', 'system', 'officer', 'operator'], example: 'carrier', description: 'A callback, a poll of the carrier, postal itself, an officer, the postal operator.' })
  source: string;

  @ApiProperty({ type: String, nullable: true, example: 'reception.ttphc' })
  actor: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SIM123456789VN-4' })
  carrierEventId: string | null;

  @ApiProperty({ type: String, nullable: true, enum: DELIVERY_FAILURE_REASONS, example: 'receiver_absent' })
  reasonCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Người nhận vắng nhà' })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Bưu cục Phủ Lý' })
  location: string | null;

  @ApiProperty({ example: '2026-03-21T09:00:02+07:00', description: 'When postal recorded it.' })
  recordedAt: string;
}

/** A shipment as officers and the postal operator see it, with its tracking. */
export class ShipmentView {
  @ApiProperty({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f' })
  id: string;

  @ApiProperty({ enum: SHIPMENT_KINDS, example: 'result_delivery', description: '`dossier_pickup`: a dossier collected from the applicant for the agency; `result_delivery`: a result from the agency to the applicant.' })
  kind: ShipmentKind;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H56-260316-0001', description: 'The order number; a collected dossier gets it when the agency receives it.' })
  dossierCode: string | null;

  @ApiProperty({ example: '000.00.01.H56', description: 'The agency that sends the result or receives the dossier.' })
  agencyCode: string;

  @ApiProperty({ example: 'vnpost' })
  carrier: string;

  @ApiProperty({ type: String, nullable: true, example: 'EB123456789VN', description: 'Null while waiting for the carrier to accept the order.' })
  trackingNumber: string | null;

  @ApiProperty({ enum: SHIPMENT_STATES, example: 'in_transit', description: '`awaiting_carrier` while the carrier has not accepted the order (it may be down: the order is retried).' })
  status: ShipmentState;

  @ApiProperty({ example: '2026-03-20T13:00:00+07:00' })
  statusAt: string;

  @ApiProperty({ example: 0 })
  failedAttempts: number;

  @ApiProperty({ example: 3, description: 'Delivery attempts before the parcel goes back to the sender.' })
  maxAttempts: number;

  @ApiProperty({ type: ShipmentCarrierOrderView, nullable: true, description: 'The order to the carrier, while it waits to be accepted.' })
  carrierOrder: ShipmentCarrierOrderView | null;

  @ApiProperty({ type: ShipmentPartyView })
  sender: ShipmentPartyView;

  @ApiProperty({ type: ShipmentPartyView })
  receiver: ShipmentPartyView;

  @ApiProperty({ type: ShipmentParcelView })
  parcel: ShipmentParcelView;

  @ApiProperty({ type: Number, nullable: true, example: 25000, description: 'Postage, whole VND; null until the carrier quotes it.' })
  postageVnd: number | null;

  @ApiProperty({ example: 25000, description: 'Cash on delivery, whole VND: for a result, the postage the applicant pays on receipt; for a collected dossier, the fees the postal worker collected for the agency.' })
  codVnd: number;

  @ApiProperty({ type: ShipmentResultView, nullable: true })
  result: ShipmentResultView | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-17T09:30:00+07:00', description: 'A collected dossier: when the agency received it (its receipt time).' })
  handedOverAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'reception.ttphc' })
  receivedBy: string | null;

  @ApiProperty({ example: 'system' })
  registeredBy: string;

  @ApiProperty({ example: '2026-03-20T10:00:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: [ShipmentTrackingEntryView], description: 'In the order postal learnt of them (each with the carrier\'s time); news that arrived out of order stays where it arrived, marked `out_of_order`.' })
  tracking: ShipmentTrackingEntryView[];
}

/** The answer to a carrier's callback. */
export class CarrierCallbackOutcome {
  @ApiProperty({ enum: ['applied', 'unchanged', 'out_of_order', 'duplicate'], example: 'applied' })
  outcome: string;

  @ApiProperty({ example: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f' })
  shipmentId: string;

  @ApiProperty({ enum: SHIPMENT_STATES, example: 'delivered' })
  status: ShipmentState;
}

export interface TrackingRow {
  shipment_id: string;
  carrier_event_id: string | null;
  reported: string;
  state_after: ShipmentState;
  outcome: string;
  at: Date;
  sequence: string | null;
  source: string;
  actor: string | null;
  reason_code: string | null;
  reason: string | null;
  location: string | null;
  recorded_at: Date;
}

function party(stored: StoredParty): ShipmentPartyView {
  return { name: stored.name, phone: stored.phone, address: { detail: stored.address.detail, commune: stored.address.commune ?? null, province: stored.address.province ?? null } };
}

export function toTrackingEntry(row: TrackingRow): ShipmentTrackingEntryView {
  return {
    reported: row.reported,
    status: row.state_after,
    outcome: row.outcome,
    at: formatLocal(new Date(row.at)),
    sequence: row.sequence === null ? null : Number(row.sequence),
    source: row.source,
    actor: row.actor,
    carrierEventId: row.carrier_event_id,
    reasonCode: row.reason_code,
    reason: row.reason,
    location: row.location,
    recordedAt: formatLocal(new Date(row.recorded_at)),
  };
}

export function toShipmentView(s: Shipment, tracking: TrackingRow[]): ShipmentView {
  return {
    id: s.id,
    kind: s.kind,
    dossierCode: s.dossierCode,
    agencyCode: s.agencyCode,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.state,
    statusAt: formatLocal(s.stateAt),
    failedAttempts: s.failedAttempts,
    maxAttempts: s.maxAttempts,
    carrierOrder:
      s.state === 'awaiting_carrier'
        ? { attempts: s.orderAttempts, lastError: s.orderLastError, nextAttemptAt: s.orderNextAttemptAt ? formatLocal(s.orderNextAttemptAt) : null }
        : null,
    sender: party(s.sender),
    receiver: party(s.receiver),
    parcel: { description: s.parcel.description, weightGrams: s.parcel.weightGrams },
    postageVnd: s.postageVnd,
    codVnd: s.codVnd,
    result: s.result ? { documentNumber: s.result.documentNumber, resultKind: s.result.resultKind } : null,
    handedOverAt: s.handedOverAt ? formatLocal(s.handedOverAt) : null,
    receivedBy: s.receivedBy,
    registeredBy: s.registeredBy,
    createdAt: formatLocal(s.createdAt),
    tracking: tracking.map(toTrackingEntry),
  };
}

/** A shipment as the public lookup shows it: statuses, times, places, no one's name, address or phone. */
export interface PublicShipmentTracking {
  kind: ShipmentKind;
  carrier: string;
  trackingNumber: string | null;
  status: ShipmentState;
  statusAt: string;
  failedAttempts: number;
  tracking: Array<{ status: string; at: string; location: string | null; reasonCode: string | null }>;
}

export function toPublicTracking(s: Shipment, tracking: TrackingRow[]): PublicShipmentTracking {
  return {
    kind: s.kind,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.state,
    statusAt: formatLocal(s.stateAt),
    failedAttempts: s.failedAttempts,
    tracking: tracking
      .filter((row) => row.outcome !== 'out_of_order')
      .map((row) => ({ status: row.reported === 'accepted' ? row.state_after : row.reported, at: formatLocal(new Date(row.at)), location: row.location, reasonCode: row.reason_code })),
  };
}
