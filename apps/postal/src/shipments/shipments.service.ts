import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Role, shipmentTransition } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, OutboxRelay, type Page, ProblemException, toPage } from '@onestop/platform';
import { Carrier, CarrierRefusedError } from '../carriers/carrier.js';
import type { CancelShipmentRequest, ShipmentListQuery } from './shipment.dto.js';
import { Shipment } from './shipment.entity.js';
import { ShipmentMoves } from './shipment-moves.service.js';
import { type PublicShipmentTracking, type ShipmentView, toPublicTracking, toShipmentView, type TrackingRow } from './shipment.views.js';

const OFFICER_ROLES: Role[] = ['reception', 'specialist', 'leader'];

/** The postal operator and admins see every shipment; officers those of their agencies. */
export function mayReadShipment(caller: Caller, shipment: Pick<Shipment, 'agencyCode'>): boolean {
  if (caller.roles.includes('admin') || caller.roles.includes('postal')) return true;
  return caller.roles.some((r) => OFFICER_ROLES.includes(r)) && caller.agencyCodes.includes(shipment.agencyCode);
}

/** Reading shipments with their tracking, and cancelling one. */
@Injectable()
export class ShipmentsService {
  constructor(
    @InjectRepository(Shipment) private readonly shipments: Repository<Shipment>,
    private readonly moves: ShipmentMoves,
    private readonly carrier: Carrier,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  /** The shipment if the caller may see it; otherwise 404, so ids of others' shipments leak nothing. */
  async visible(caller: Caller, id: string): Promise<Shipment> {
    const shipment = /^[0-9a-f-]{36}$/i.test(id) ? await this.shipments.findOneBy({ id }) : null;
    if (!shipment || !mayReadShipment(caller, shipment)) throw ProblemException.notFound('shipment-not-found', `No shipment ${id} that you may see.`);
    return shipment;
  }

  /** The dossier of a shipment the caller may see, for the audit log; null when none or unknown. */
  async dossierCodeOf(caller: Caller, id: string): Promise<string | null> {
    try {
      const shipment = /^[0-9a-f-]{36}$/i.test(id) ? await this.shipments.findOne({ where: { id }, select: { id: true, agencyCode: true, dossierCode: true } }) : null;
      return shipment && mayReadShipment(caller, shipment) ? shipment.dossierCode : null;
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
    const builder = this.shipments.createQueryBuilder('s').orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC').limit(query.limit + 1);
    const everything = caller.roles.includes('admin') || caller.roles.includes('postal');
    if (!everything) {
      const agencies = query.agencyCode ? [query.agencyCode].filter((a) => caller.agencyCodes.includes(a)) : caller.agencyCodes;
      if (query.agencyCode && agencies.length === 0) throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
      builder.andWhere('s.agency_code = ANY(:agencies)', { agencies });
    } else if (query.agencyCode) {
      builder.andWhere('s.agency_code = :agency', { agency: query.agencyCode });
    }
    if (query.cursor) {
      const position = decodeCursor(query.cursor, { createdAt: 'instant', id: 'uuid' });
      builder.andWhere('(s.created_at, s.id) < (:afterTime::timestamptz, :afterId::uuid)', { afterTime: position.createdAt, afterId: position.id });
    }
    if (query.dossierCode) builder.andWhere('s.dossier_code = :dossierCode', { dossierCode: query.dossierCode });
    if (query.kind) builder.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('s.state = :status', { status: query.status });
    if (query.trackingNumber) builder.andWhere('s.tracking_number = :trackingNumber', { trackingNumber: query.trackingNumber });
    if (query.createdFrom) builder.andWhere('s.created_at >= :createdFrom', { createdFrom: new Date(query.createdFrom) });
    if (query.createdTo) builder.andWhere('s.created_at < :createdTo', { createdTo: new Date(query.createdTo) });
    const page = toPage(await builder.getMany(), query.limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
    const tracking = await this.trackingOf(page.items.map((s) => s.id));
    return { items: page.items.map((s) => toShipmentView(s, tracking.get(s.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** A dossier's shipments for the public lookup: statuses, times and places only. */
  async publicTracking(dossierCode: string): Promise<PublicShipmentTracking[]> {
    const shipments = await this.shipments.find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
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
    const officer = caller.roles.includes('admin') || (caller.roles.includes('reception') && caller.agencyCodes.includes(shipment.agencyCode));
    const operator = caller.roles.includes('postal') && shipment.kind === 'dossier_pickup';
    if (!officer && !operator) {
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
    const view = await this.shipments.manager.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(Shipment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      await this.moves.apply(manager, locked, { move: 'cancelled', at: this.clock.now(), source: officer ? 'officer' : 'operator', actor: caller.subject, reason: request.reason }, { orderNextAttemptAt: null });
      return this.toView(locked, manager);
    });
    this.relay.nudge();
    return view;
  }

  async trackingOf(ids: string[], manager?: EntityManager): Promise<Map<string, TrackingRow[]>> {
    const byShipment = new Map<string, TrackingRow[]>();
    if (ids.length === 0) return byShipment;
    const rows = (await (manager ?? this.shipments.manager).query(
      `SELECT shipment_id, carrier_event_id, reported, state_after, outcome, at, sequence, source, actor, reason_code, reason, location, recorded_at
         FROM shipment_events WHERE shipment_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    )) as TrackingRow[];
    for (const row of rows) {
      const list = byShipment.get(row.shipment_id) ?? [];
      list.push(row);
      byShipment.set(row.shipment_id, list);
    }
    return byShipment;
  }
}
