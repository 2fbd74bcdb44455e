import type { DeliveryFailureReason, ShipmentKind, ShipmentState } from '../postal/shipment-machine.js';

/** Which shipment, of which dossier and agency, with which carrier, and where it stands. */
export interface ShipmentEventRef {
  shipmentId: string;
  kind: ShipmentKind;
  /** The order number; null for a collected dossier until the agency receives it. */
  dossierCode: string | null;
  /** The agency that sends the result, or receives the dossier. */
  agencyCode: string;
  carrier: string;
  /** Null while the carrier has not accepted the order. */
  trackingNumber: string | null;
  status: ShipmentState;
}

/**
 * Postal registered a shipment: a result to deliver (from ResultReady, possibly still waiting
 * for the carrier to accept the order) or a dossier a postal worker collected. Reporting counts
 * a result delivery as a result sent by post. No personal data travels: no names, addresses or
 * phones.
 */
export interface ShipmentRegisteredV1 extends ShipmentEventRef {
  registeredAt: string;
  /** Whole VND; null until the carrier quotes it. */
  postageVnd: number | null;
  /** Cash on delivery (thu hộ), whole VND. */
  codVnd: number;
}

/**
 * A shipment changed status (ordered per shipment by `sequence`). Workflow marks the result
 * returned when a result delivery is `delivered`, and notes a result back at the agency when it
 * is `returned_to_sender`; reporting counts results delivered by post and results back at the
 * agency.
 */
export interface ShipmentStatusChangedV1 extends ShipmentEventRef {
  previousStatus: ShipmentState;
  /** When it happened (the carrier's event time), ISO 8601. */
  at: string;
  failedAttempts: number;
  reasonCode: DeliveryFailureReason | null;
  /** Words for officers (the carrier's or the officer's reason); may be null. */
  reason: string | null;
  postageVnd: number | null;
  codVnd: number;
  /** Monotonic per shipment. */
  sequence: number;
}
