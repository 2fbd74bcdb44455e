import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { shipmentTransition } from '@onestop/domain';
import { type Caller, Clock, type Page, ProblemException, toPage } from '@onestop/platform';
import { PostalAccess } from '../access-policy.js';
import { Carrier, CarrierRefusedError } from '../carriers/carrier.js';
import type { CancelShipmentRequest, ShipmentListQuery } from './shipment.dto.js';
import type { Shipment } from './shipment.entity.js';
import { ShipmentEventsRepository } from './shipment-events.repository.js';
import { ShipmentMoves } from './shipment-moves.service.js';
import { ShipmentsRepository } from './shipments.repository.js';
import { type PublicShipmentTracking, type ShipmentView, toPublicTracking, toShipmentView, type TrackingRow } from './shipment.views.js';

/** Reading shipments with their tracking, and cancelling one. */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly events: ShipmentEventsRepository,
    private readonly moves: ShipmentMoves,
    private readonly carrier: Carrier,
    private readonly clock: Clock,
  ) {}

  /** The shipment if the caller may see it; otherwise 404, so ids of others' shipments leak nothing. */
  async visible(caller: Caller, id: string): Promise<Shipment> {
    const shipment = /^[0-9a-f-]{36}$/i.test(id) ? await this.shipments.find(id) : null;
    if (!shipment || !PostalAccess.readShipments.allows(caller, shipment)) throw ProblemException.notFound('shipment-not-found', `No shipment ${id} that you may see.`);
    return shipment;
  }

  /** The dossier of a shipment the caller may see, for the audit log; null when none or unknown. */
  async dossierCodeOf(caller: Caller, id: string): Promise<string | null> {
    try {
      const shipment = /^[0-9a-f-]{36}$/i.test(id) ? await this.shipments.findForAudit(id) : null;
      return shipment && PostalAccess.readShipments.allows(caller, shipment) ? shipment.dossierCode : null;
    } catch {
      return null;
    }
  }

  async view(caller: Caller, id: string): Promise<ShipmentView> {
    return this.toView(await this.visible(caller, id));
  }

  async toView(shipment: Shipment, manager?: EntityManager): Promise<ShipmentView> {
    const tracking = await this.trackingOf([shipment.id], manager);
    return toShipmentView(shipment, tracking.get(shipment.id) ?? []);
  }

  async list(caller: Caller, query: ShipmentListQuery): Promise<Page<ShipmentView>> {
    const everything = PostalAccess.readShipments.seesEveryShipment(caller);
    let agencies: string[] | null = null;
    if (!everything) {
      agencies = query.agencyCode ? [query.agencyCode].filter((a) => caller.agencyCodes.includes(a)) : caller.agencyCodes;
      if (query.agencyCode && agencies.length === 0) throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
    }
    const page = toPage(await this.shipments.page({ ...query, agencies }), query.limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
    const tracking = await this.trackingOf(page.items.map((s) => s.id));
    return { items: page.items.map((s) => toShipmentView(s, tracking.get(s.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** A dossier's shipments for the public lookup: statuses, times and places only. */
  async publicTracking(dossierCode: string): Promise<PublicShipmentTracking[]> {
    const shipments = await this.shipments.ofDossier(dossierCode);
    const tracking = await this.trackingOf(shipments.map((s) => s.id));
    return shipments.map((s) => toPublicTracking(s, tracking.get(s.id) ?? []));
  }

  /**
   * Cancels a shipment the carrier has not collected yet: by a reception officer of its agency
   * or an admin, and by the postal operator for a dossier pickup. A result's order already with
   * the carrier is cancelled there first.
   */
  async cancel(caller: Caller, id: string, request: CancelShipmentRequest): Promise<ShipmentView> {
    const shipment = await this.visible(caller, id);
    const actingAs = PostalAccess.cancelShipment.actingAs(caller, shipment);
    if (!actingAs) {
      throw new ProblemException(403, 'not-permitted', 'Forbidden', 'A shipment is cancelled by a reception officer of its agency (or the postal operator, for a dossier it collected).');
    }
    const allowed = shipmentTransition({ state: shipment.state, failedAttempts: shipment.failedAttempts, maxAttempts: shipment.maxAttempts }, 'cancelled');
    if (!allowed.allowed) throw ProblemException.conflict('transition-not-allowed', `Cannot cancel: ${allowed.reason}.`, { currentStatus: shipment.state });
    if (shipment.kind === 'result_delivery' && shipment.trackingNumber && shipment.carrier === this.carrier.code) {
      try {
        await this.carrier.cancel(shipment.trackingNumber, request.reason);
      } catch (error) {
        if (error instanceof CarrierRefusedError) throw ProblemException.conflict('carrier-refused-cancellation', `The carrier refused the cancellation: ${error.message}`, { currentStatus: shipment.state });
        throw ProblemException.serviceUnavailable('carrier-unavailable', 'The carrier cannot be reached to cancel the order; try again shortly.');
      }
    }
    return this.shipments.manager.transaction(async (manager) => {
      const locked = await this.shipments.lock(id, manager);
      await this.moves.apply(manager, locked, { move: 'cancelled', at: this.clock.now(), source: actingAs, actor: caller.subject, reason: request.reason }, { orderNextAttemptAt: null });
      return this.toView(locked, manager);
    });
  }

  async trackingOf(ids: string[], manager?: EntityManager): Promise<Map<string, TrackingRow[]>> {
    return this.events.ofShipments(ids, manager);
  }
}
