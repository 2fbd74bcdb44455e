/**
 * Public-postal shipments (bưu chính công ích, Decision 45/2016/QĐ-TTg): the dossier a postal
 * worker collects from the applicant and carries to the receiving agency, and the result the
 * agency hands to the post for delivery to the applicant.
 */
export const SHIPMENT_KINDS = ['dossier_pickup', 'result_delivery'] as const;
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];

/**
 * Where a shipment stands. `awaiting_carrier`: the order is written but the carrier has not
 * accepted it yet (it may be down; the order is retried). `returning`: the allowed delivery
 * attempts failed (or the carrier gave up) and the parcel is on its way back to the sender.
 */
export const SHIPMENT_STATES = [
  'awaiting_carrier',
  'registered',
  'collected',
  'in_transit',
  'failed_delivery',
  'returning',
  'delivered',
  'returned_to_sender',
  'cancelled',
] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];
export const FINAL_SHIPMENT_STATES: readonly ShipmentState[] = ['delivered', 'returned_to_sender', 'cancelled'];
/** States in which the carrier has the order and sends news of it (tracked, polled). */
export const TRACKED_SHIPMENT_STATES: readonly ShipmentState[] = ['registered', 'collected', 'in_transit', 'failed_delivery', 'returning'];

/** What a carrier reports about a shipment, by callback or when polled. */
export const CARRIER_STATUSES = ['collected', 'in_transit', 'failed_delivery', 'delivered', 'returning', 'returned_to_sender', 'cancelled'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

/** What moves a shipment: the carrier accepting the order, or a status the carrier (or an officer) reports. */
export const SHIPMENT_MOVES = ['accepted', ...CARRIER_STATUSES] as const;
export type ShipmentMove = (typeof SHIPMENT_MOVES)[number];

/** Why a delivery attempt failed, in codes safe to show anyone (the free-text reason may name people). */
export const DELIVERY_FAILURE_REASONS = ['receiver_absent', 'address_not_found', 'receiver_refused', 'phone_unreachable', 'other'] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

export interface ShipmentPosition {
  state: ShipmentState;
  /** Failed delivery attempts so far. */
  failedAttempts: number;
  /** Attempts allowed before the parcel goes back to the sender (configurable, at least 1). */
  maxAttempts: number;
}

export type ShipmentTransition =
  | {
      allowed: true;
      to: ShipmentState;
      failedAttempts: number;
      /** False when the report only repeats the state (another hub on the way, a second "collected"). */
      changed: boolean;
    }
  | { allowed: false; reason: string };

/** States in which the carrier holds the order and may deliver. */
const HELD: readonly ShipmentState[] = ['registered', 'collected', 'in_transit', 'failed_delivery'];

/**
 * The allowed moves of a shipment. Carriers skip statuses (a report lost, a local delivery
 * without a transit scan), so a report may jump forward from any earlier state; it never moves
 * a shipment back (order by the carrier's event time is the caller's job, see
 * `compareCarrierEvents`). A failed delivery that uses up the allowed attempts sends the parcel
 * back to the sender (`returning`).
 */
export function shipmentTransition(position: ShipmentPosition, move: ShipmentMove): ShipmentTransition {
  const { state, failedAttempts, maxAttempts } = position;
  const refuse = (reason: string): ShipmentTransition => ({ allowed: false, reason });
  const to = (next: ShipmentState, attempts = failedAttempts): ShipmentTransition => ({ allowed: true, to: next, failedAttempts: attempts, changed: next !== state || attempts !== failedAttempts });
  if (FINAL_SHIPMENT_STATES.includes(state)) return refuse(`the shipment is ${describe(state)}; nothing more happens to it`);
  if (state === 'awaiting_carrier' && move !== 'accepted' && move !== 'cancelled') return refuse('the carrier has not accepted the order yet');
  switch (move) {
    case 'accepted':
      return state === 'awaiting_carrier' ? to('registered') : refuse(`the carrier accepted the order already; the shipment is ${describe(state)}`);
    case 'collected':
      return state === 'registered' || state === 'collected' ? to('collected') : refuse(`the parcel was collected already; the shipment is ${describe(state)}`);
    case 'in_transit':
      return HELD.includes(state) ? to('in_transit') : refuse(`the shipment is ${describe(state)}, not on its way to the receiver`);
    case 'failed_delivery': {
      if (!HELD.includes(state)) return refuse(`no delivery is attempted: the shipment is ${describe(state)}`);
      const attempts = failedAttempts + 1;
      return to(attempts >= maxAttempts ? 'returning' : 'failed_delivery', attempts);
    }
    case 'delivered':
      return HELD.includes(state) ? to('delivered') : refuse(`the shipment is ${describe(state)} and cannot be delivered`);
    case 'returning':
      return HELD.includes(state) || state === 'returning' ? to('returning') : refuse(`the shipment is ${describe(state)}`);
    case 'returned_to_sender':
      return HELD.includes(state) || state === 'returning' ? to('returned_to_sender') : refuse(`the shipment is ${describe(state)}`);
    case 'cancelled':
      return state === 'awaiting_carrier' || state === 'registered' ? to('cancelled') : refuse(`the parcel is already with the carrier (${describe(state)}); it can no longer be cancelled`);
  }
}

function describe(state: ShipmentState): string {
  return state.replace(/_/g, ' ');
}

/** A carrier's event as ordered: its time, and its sequence number when the carrier gives one. */
export interface CarrierEventOrder {
  occurredAt: Date;
  sequence?: number | null;
}

/**
 * Orders two carrier events: by event time, then by sequence (an event without one sorts
 * first). Negative when `a` happened before `b`, 0 when they cannot be told apart.
 */
export function compareCarrierEvents(a: CarrierEventOrder, b: CarrierEventOrder): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return Math.sign(byTime);
  const sa = a.sequence ?? null;
  const sb = b.sequence ?? null;
  if (sa === null || sb === null) return 0;
  return Math.sign(sa - sb);
}
