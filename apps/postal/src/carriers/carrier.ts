import type { CarrierStatus, DeliveryFailureReason, ShipmentKind } from '@onestop/domain';
import type { StoredParcel, StoredParty } from '../shipments/shipment.entity.js';

/** An order for the carrier: collect the parcel from the sender and deliver it to the receiver. */
export interface CarrierOrder {
  /** Postal's shipment id: the carrier deduplicates on it, so a retried order is created once. */
  reference: string;
  /** The order number printed on the parcel: the dossier code. */
  orderNumber: string;
  kind: ShipmentKind;
  sender: StoredParty;
  receiver: StoredParty;
  parcel: StoredParcel;
  /** Cash to collect from the receiver, whole VND. */
  codVnd: number;
  /** The receiver pays the postage on delivery (results: the applicant pays the post). */
  postagePaidByReceiver: boolean;
}

export interface CarrierAcceptance {
  trackingNumber: string;
  /** The carrier's price, whole VND. */
  postageVnd: number;
  acceptedAt: Date;
}

/** One piece of news of a shipment from the carrier, by callback or when polled. */
export interface CarrierReport {
  /** The carrier's id of this event: the same event reported twice is applied once. */
  eventId: string;
  trackingNumber: string;
  status: CarrierStatus;
  /** When it happened at the carrier. */
  occurredAt: Date;
  /** The carrier's order of events, when it gives one (ties at the same time). */
  sequence?: number | null;
  reasonCode?: DeliveryFailureReason | null;
  reason?: string | null;
  location?: string | null;
}

/** The carrier cannot be reached or failed (a 5xx, a timeout): try again later. */
export class CarrierUnavailableError extends Error {
  override readonly name = 'CarrierUnavailableError';
}

/** The carrier answered and refused (an order it will not take, a cancellation too late). */
export class CarrierRefusedError extends Error {
  override readonly name = 'CarrierRefusedError';
}

/**
 * A postal carrier, behind one interface: the built-in simulated one or a real carrier's API.
 * Its status callbacks arrive at `/carrier-callbacks/{code}`, signed with `callbackSecret`.
 */
export abstract class Carrier {
  abstract readonly code: string;
  /** HMAC-SHA256 key of the carrier's callbacks. */
  abstract readonly callbackSecret: string;
  abstract createOrder(order: CarrierOrder): Promise<CarrierAcceptance>;
  abstract cancel(trackingNumber: string, reason: string): Promise<void>;
  /** Every event of the shipment the carrier knows, in any order. */
  abstract track(trackingNumber: string): Promise<CarrierReport[]>;
}
