import { describe, expect, it } from '@jest/globals';
import {
  compareCarrierEvents,
  FINAL_SHIPMENT_STATES,
  SHIPMENT_MOVES,
  SHIPMENT_STATES,
  type ShipmentMove,
  type ShipmentPosition,
  type ShipmentState,
  shipmentTransition,
} from './shipment-machine.js';

const position = (state: ShipmentState, failedAttempts = 0, maxAttempts = 3): ShipmentPosition => ({ state, failedAttempts, maxAttempts });

type Open = Exclude<ShipmentState, 'delivered' | 'returned_to_sender' | 'cancelled'>;

/** The state every move leads to from every open state (no failed attempt yet, three allowed), or '-' (refused). */
const EXPECTED: Record<Open, Record<ShipmentMove, ShipmentState | '-'>> = {
  awaiting_carrier: { accepted: 'registered', collected: '-', in_transit: '-', failed_delivery: '-', delivered: '-', returning: '-', returned_to_sender: '-', cancelled: 'cancelled' },
  registered: { accepted: '-', collected: 'collected', in_transit: 'in_transit', failed_delivery: 'failed_delivery', delivered: 'delivered', returning: 'returning', returned_to_sender: 'returned_to_sender', cancelled: 'cancelled' },
  collected: { accepted: '-', collected: 'collected', in_transit: 'in_transit', failed_delivery: 'failed_delivery', delivered: 'delivered', returning: 'returning', returned_to_sender: 'returned_to_sender', cancelled: '-' },
  in_transit: { accepted: '-', collected: '-', in_transit: 'in_transit', failed_delivery: 'failed_delivery', delivered: 'delivered', returning: 'returning', returned_to_sender: 'returned_to_sender', cancelled: '-' },
  failed_delivery: { accepted: '-', collected: '-', in_transit: 'in_transit', failed_delivery: 'failed_delivery', delivered: 'delivered', returning: 'returning', returned_to_sender: 'returned_to_sender', cancelled: '-' },
  returning: { accepted: '-', collected: '-', in_transit: '-', failed_delivery: '-', delivered: '-', returning: 'returning', returned_to_sender: 'returned_to_sender', cancelled: '-' },
};

describe('the shipment state machine', () => {
  for (const state of Object.keys(EXPECTED) as Open[]) {
    it.each(SHIPMENT_MOVES.map((move) => [move, EXPECTED[state][move]]))(`${state}: %s → %s`, (move, expected) => {
      const outcome = shipmentTransition(position(state, state === 'failed_delivery' ? 1 : 0), move as ShipmentMove);
      if (expected === '-') {
        expect(outcome.allowed).toBe(false);
        if (!outcome.allowed) expect(outcome.reason.length).toBeGreaterThan(10);
      } else {
        expect(outcome).toMatchObject({ allowed: true, to: expected });
      }
    });
  }

  it('lists every open state in the table', () => {
    expect([...Object.keys(EXPECTED), ...FINAL_SHIPMENT_STATES].sort()).toEqual([...SHIPMENT_STATES].sort());
  });

  it('refuses every move on a delivered, returned or cancelled shipment, naming its state', () => {
    for (const state of FINAL_SHIPMENT_STATES) {
      for (const move of SHIPMENT_MOVES) {
        expect(shipmentTransition(position(state), move)).toEqual({ allowed: false, reason: expect.stringContaining(state.replace(/_/g, ' ')) });
      }
    }
  });

  it('counts failed attempts and sends the parcel back after the allowed ones', () => {
    expect(shipmentTransition(position('in_transit', 0), 'failed_delivery')).toEqual({ allowed: true, to: 'failed_delivery', failedAttempts: 1, changed: true });
    expect(shipmentTransition(position('in_transit', 1), 'failed_delivery')).toEqual({ allowed: true, to: 'failed_delivery', failedAttempts: 2, changed: true });
    expect(shipmentTransition(position('in_transit', 2), 'failed_delivery')).toEqual({ allowed: true, to: 'returning', failedAttempts: 3, changed: true });
    expect(shipmentTransition(position('failed_delivery', 0, 1), 'failed_delivery')).toMatchObject({ to: 'returning', failedAttempts: 1 });
    // A retry after a failure is a new attempt on the way; once returning, no more attempts.
    expect(shipmentTransition(position('failed_delivery', 1), 'in_transit')).toMatchObject({ allowed: true, to: 'in_transit', failedAttempts: 1 });
    expect(shipmentTransition(position('returning', 3), 'in_transit').allowed).toBe(false);
    expect(shipmentTransition(position('returning', 3), 'delivered').allowed).toBe(false);
    expect(shipmentTransition(position('returning', 3), 'returned_to_sender')).toMatchObject({ allowed: true, to: 'returned_to_sender' });
  });

  it('says when a report only repeats the state', () => {
    expect(shipmentTransition(position('in_transit'), 'in_transit')).toMatchObject({ allowed: true, changed: false });
    expect(shipmentTransition(position('collected'), 'collected')).toMatchObject({ allowed: true, changed: false });
    expect(shipmentTransition(position('returning', 3), 'returning')).toMatchObject({ allowed: true, changed: false });
    expect(shipmentTransition(position('failed_delivery', 1), 'failed_delivery')).toMatchObject({ allowed: true, changed: true, failedAttempts: 2 });
  });

  it('never moves a shipment back to awaiting the carrier, and never out of the list', () => {
    for (const state of SHIPMENT_STATES) {
      for (const move of SHIPMENT_MOVES) {
        for (const attempts of [0, 1, 2, 3]) {
          const outcome = shipmentTransition(position(state, attempts), move);
          if (!outcome.allowed) continue;
          expect(SHIPMENT_STATES).toContain(outcome.to);
          expect(outcome.to).not.toBe('awaiting_carrier');
          expect(outcome.failedAttempts).toBeGreaterThanOrEqual(attempts);
        }
      }
    }
  });
});

describe('ordering carrier events', () => {
  const at = (iso: string, sequence?: number) => ({ occurredAt: new Date(iso), sequence });

  it('orders by time, then by sequence', () => {
    expect(compareCarrierEvents(at('2026-03-20T10:00:00Z'), at('2026-03-20T11:00:00Z'))).toBe(-1);
    expect(compareCarrierEvents(at('2026-03-20T11:00:00Z'), at('2026-03-20T10:00:00Z'))).toBe(1);
    expect(compareCarrierEvents(at('2026-03-20T10:00:00Z', 5), at('2026-03-20T10:00:00Z', 4))).toBe(1);
    expect(compareCarrierEvents(at('2026-03-20T10:00:00Z', 4), at('2026-03-20T10:00:00Z', 5))).toBe(-1);
  });

  it('cannot tell apart events at the same time without sequences', () => {
    expect(compareCarrierEvents(at('2026-03-20T10:00:00Z'), at('2026-03-20T10:00:00Z'))).toBe(0);
    expect(compareCarrierEvents(at('2026-03-20T10:00:00Z', 3), at('2026-03-20T10:00:00Z'))).toBe(0);
  });
});
