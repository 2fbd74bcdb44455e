import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { compareCarrierEvents, type DeliveryFailureReason, type ShipmentMove, type ShipmentState, shipmentTransition } from '@onestop/domain';
import type { Counter } from 'prom-client';
import { Metrics, ProblemException, writeEvent } from '@onestop/platform';
import type { Shipment } from './shipment.entity.js';
import { shipmentIdentity } from './shipment-announcements.js';
import { ShipmentEventsRepository } from './shipment-events.repository.js';
import { ShipmentsRepository } from './shipments.repository.js';

/** Where news of a shipment comes from. The carrier's (callback, poll, the operator's own registration) is ordered by its event time. */
export type MoveSource = 'carrier' | 'poll' | 'system' | 'officer' | 'operator';
const CARRIER_TIMED: readonly MoveSource[] = ['carrier', 'poll', 'operator'];

export interface MoveInput {
  move: ShipmentMove;
  /** When it happened: the carrier's event time, or now for the system's and officers' moves. */
  at: Date;
  sequence?: number | null;
  source: MoveSource;
  actor?: string | null;
  carrierEventId?: string | null;
  reasonCode?: DeliveryFailureReason | null;
  reason?: string | null;
  location?: string | null;
}

/** `duplicate`: that carrier event was seen before; `out_of_order`: older than what was applied, kept in the history only. */
export type MoveOutcome = 'applied' | 'unchanged' | 'out_of_order' | 'duplicate';

export interface MoveResult {
  outcome: MoveOutcome;
  status: ShipmentState;
}

/**
 * Moves a shipment through the state machine of libs/domain, inside the caller's transaction on
 * a locked row: every report joins the history (also those not applied); a carrier event seen
 * before changes nothing; one older than the last applied never moves the shipment back; a
 * move the machine refuses is a 409 `transition-not-allowed` naming the status; each change is
 * announced as ShipmentStatusChanged in the same transaction.
 */
@Injectable()
export class ShipmentMoves {
  private readonly logger = new Logger('ShipmentMoves');
  private readonly entered: Counter<'kind' | 'status'>;

  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly events: ShipmentEventsRepository,
    private readonly metrics: Metrics,
  ) {
    this.entered = metrics.counter({
      name: 'shipments_status_total',
      help: 'Shipments that entered each status (registered in their first, then each change), by kind (dossier_pickup, result_delivery) and status.',
      labelNames: ['kind', 'status'],
    });
  }

  async apply(manager: EntityManager, shipment: Shipment, input: MoveInput, changes: Partial<Shipment> = {}): Promise<MoveResult> {
    if (input.carrierEventId && (await this.events.seen(shipment.carrier, input.carrierEventId, manager))) return { outcome: 'duplicate', status: shipment.state };
    const timed = CARRIER_TIMED.includes(input.source);
    const order = timed && shipment.lastEventAt ? compareCarrierEvents({ occurredAt: input.at, sequence: input.sequence }, { occurredAt: shipment.lastEventAt, sequence: shipment.lastEventSequence }) : 1;
    if (order < 0) {
      this.logger.log(`${input.move} of shipment ${shipment.id} at ${input.at.toISOString()} is older than the last applied event: kept, not applied`);
      await this.record(manager, shipment, input, shipment.state, 'out_of_order');
      return { outcome: 'out_of_order', status: shipment.state };
    }
    const transition = shipmentTransition({ state: shipment.state, failedAttempts: shipment.failedAttempts, maxAttempts: shipment.maxAttempts }, input.move);
    if (!transition.allowed) {
      if (order === 0) {
        // At the same time as the last applied event, with nothing to tell which came first.
        await this.record(manager, shipment, input, shipment.state, 'out_of_order');
        return { outcome: 'out_of_order', status: shipment.state };
      }
      throw ProblemException.conflict('transition-not-allowed', `Cannot record ${input.move.replace(/_/g, ' ')}: ${transition.reason}.`, { currentStatus: shipment.state });
    }
    const previous = shipment.state;
    Object.assign(shipment, changes);
    shipment.state = transition.to;
    shipment.failedAttempts = transition.failedAttempts;
    if (transition.changed) {
      shipment.stateAt = input.at;
      shipment.statusSequence += 1;
    }
    if (timed || !shipment.lastEventAt || input.at > shipment.lastEventAt) {
      shipment.lastEventAt = input.at;
      shipment.lastEventSequence = timed ? (input.sequence ?? null) : null;
    }
    await this.shipments.save(shipment, manager);
    await this.record(manager, shipment, input, transition.to, transition.changed ? 'applied' : 'unchanged');
    if (transition.changed) {
      this.metrics.countOnCommit(manager, this.entered, { kind: shipment.kind, status: transition.to });
      await writeEvent(manager, 'ShipmentStatusChanged', {
        ...shipmentIdentity(shipment),
        status: transition.to,
        previousStatus: previous,
        at: input.at.toISOString(),
        failedAttempts: shipment.failedAttempts,
        reasonCode: input.reasonCode ?? null,
        reason: input.reason ?? null,
        postageVnd: shipment.postageVnd,
        codVnd: shipment.codVnd,
        sequence: shipment.statusSequence,
      });
    }
    return { outcome: transition.changed ? 'applied' : 'unchanged', status: transition.to };
  }

  /** The first entry of a new shipment's history (its state at registration). */
  async recordCreation(manager: EntityManager, shipment: Shipment, source: MoveSource, actor: string): Promise<void> {
    this.metrics.countOnCommit(manager, this.entered, { kind: shipment.kind, status: shipment.state });
    await this.record(manager, shipment, { move: 'accepted', at: shipment.createdAt, source, actor }, shipment.state, 'applied', shipment.state);
  }

  private async record(manager: EntityManager, shipment: Shipment, input: MoveInput, stateAfter: ShipmentState, outcome: Exclude<MoveOutcome, 'duplicate'>, reported: string = input.move): Promise<void> {
    await this.events.insert(
      {
        shipmentId: shipment.id,
        carrier: shipment.carrier,
        carrierEventId: input.carrierEventId ?? null,
        reported,
        stateAfter,
        outcome,
        at: input.at,
        sequence: input.sequence ?? null,
        source: input.source,
        actor: input.actor ?? null,
        reasonCode: input.reasonCode ?? null,
        reason: input.reason ?? null,
        location: input.location ?? null,
      },
      manager,
    );
  }
}
