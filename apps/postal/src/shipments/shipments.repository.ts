import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor } from '@onestop/platform';
import type { ShipmentListQuery } from './shipment.dto.js';
import { Shipment } from './shipment.entity.js';

/** What a new shipment is given; the rest starts empty (no attempt, no event, no order sent). */
export type NewShipment = Omit<
  Shipment,
  'id' | 'failedAttempts' | 'lastEventAt' | 'lastEventSequence' | 'orderAttempts' | 'orderLastError' | 'handedOverAt' | 'receivedBy' | 'statusSequence'
>;

/** The list's filters once the caller's rights are applied: `agencies` limits an officer to theirs. */
export interface ShipmentFilter extends ShipmentListQuery {
  agencies: string[] | null;
}

/** Every statement on the shipments (`shipments`), their carrier orders and their polling. */
@Injectable()
export class ShipmentsRepository {
  constructor(@InjectRepository(Shipment) private readonly shipments: Repository<Shipment>) {}

  get manager(): EntityManager {
    return this.shipments.manager;
  }

  async find(id: string, manager: EntityManager = this.manager): Promise<Shipment | null> {
    return manager.findOneBy(Shipment, { id });
  }

  /** What the audit log needs of a shipment, and what deciding who may read it takes. */
  async findForAudit(id: string): Promise<Pick<Shipment, 'id' | 'agencyCode' | 'dossierCode'> | null> {
    return this.shipments.findOne({ where: { id }, select: { id: true, agencyCode: true, dossierCode: true } });
  }

  /** Locks the shipment for a change, in the caller's transaction. */
  async lock(id: string, manager: EntityManager): Promise<Shipment> {
    return manager.findOneOrFail(Shipment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async lockByTrackingNumber(carrier: string, trackingNumber: string, manager: EntityManager): Promise<Shipment | null> {
    return manager.findOne(Shipment, { where: { carrier, trackingNumber }, lock: { mode: 'pessimistic_write' } });
  }

  async trackingNumberTaken(carrier: string, trackingNumber: string, manager: EntityManager): Promise<boolean> {
    const taken = (await manager.query(`SELECT 1 FROM shipments WHERE carrier = $1 AND tracking_number = $2`, [carrier, trackingNumber])) as unknown[];
    return taken.length > 0;
  }

  async hasResultDelivery(dossierCode: string, manager: EntityManager): Promise<boolean> {
    const found = (await manager.query(`SELECT 1 FROM shipments WHERE kind = 'result_delivery' AND dossier_code = $1`, [dossierCode])) as unknown[];
    return found.length > 0;
  }

  /** A page, newest first. */
  async page(filter: ShipmentFilter): Promise<Shipment[]> {
    const builder = this.shipments.createQueryBuilder('s').orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC').limit(filter.limit + 1);
    if (filter.agencies) builder.andWhere('s.agency_code = ANY(:agencies)', { agencies: filter.agencies });
    else if (filter.agencyCode) builder.andWhere('s.agency_code = :agency', { agency: filter.agencyCode });
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor, { createdAt: 'instant', id: 'uuid' });
      builder.andWhere('(s.created_at, s.id) < (:afterTime::timestamptz, :afterId::uuid)', { afterTime: position.createdAt, afterId: position.id });
    }
    if (filter.dossierCode) builder.andWhere('s.dossier_code = :dossierCode', { dossierCode: filter.dossierCode });
    if (filter.kind) builder.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.status) builder.andWhere('s.state = :status', { status: filter.status });
    if (filter.trackingNumber) builder.andWhere('s.tracking_number = :trackingNumber', { trackingNumber: filter.trackingNumber });
    if (filter.createdFrom) builder.andWhere('s.created_at >= :createdFrom', { createdFrom: new Date(filter.createdFrom) });
    if (filter.createdTo) builder.andWhere('s.created_at < :createdTo', { createdTo: new Date(filter.createdTo) });
    return builder.getMany();
  }

  /** A dossier's shipments, oldest first. */
  async ofDossier(dossierCode: string): Promise<Shipment[]> {
    return this.shipments.find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
  }

  /** Writes a new shipment and returns it. */
  async insert(fields: NewShipment, manager: EntityManager): Promise<Shipment> {
    const shipment = manager.create(Shipment, {
      id: randomUUID(),
      ...fields,
      failedAttempts: 0,
      lastEventAt: null,
      lastEventSequence: null,
      orderAttempts: 0,
      orderLastError: null,
      handedOverAt: null,
      receivedBy: null,
      statusSequence: 0,
    });
    await manager.insert(Shipment, shipment);
    return shipment;
  }

  async save(shipment: Shipment, manager: EntityManager): Promise<void> {
    await manager.save(Shipment, shipment);
  }

  /** The carrier was heard from about the shipment now. */
  async touchNews(id: string, manager: EntityManager): Promise<void> {
    await manager.update(Shipment, { id }, { lastNewsAt: new Date() });
  }

  /**
   * Claims up to `limit` orders due to go to the carrier, under a lease of `leaseSeconds` (a
   * crashed attempt comes back after it), counting the attempt.
   */
  async claimDueOrders(limit: number, leaseSeconds: number): Promise<string[]> {
    const rows = (await this.manager.query(
      `WITH due AS (
         SELECT id FROM shipments WHERE state = 'awaiting_carrier' AND order_next_attempt_at <= now()
          ORDER BY order_next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE shipments s SET order_next_attempt_at = now() + make_interval(secs => $2), order_attempts = s.order_attempts + 1, updated_at = now()
           FROM due WHERE s.id = due.id
         RETURNING s.id)
       SELECT id FROM claimed`,
      [limit, leaseSeconds],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** The carrier did not take the order: the next attempt after `delaySeconds`, and why. */
  async postponeOrder(id: string, delaySeconds: number, error: string): Promise<void> {
    await this.manager.query(
      `UPDATE shipments SET order_next_attempt_at = now() + make_interval(secs => $2), order_last_error = $3, updated_at = now() WHERE id = $1 AND state = 'awaiting_carrier'`,
      [id, delaySeconds, error],
    );
  }

  /**
   * Claims up to `limit` shipments still with the carrier in `states` that it has said nothing
   * of for `quietSeconds`: claiming sets their news time, so each waits its turn again.
   */
  async claimQuiet(carrier: string, states: readonly string[], quietSeconds: number, limit: number): Promise<Array<{ id: string; trackingNumber: string }>> {
    const rows = (await this.manager.query(
      `WITH quiet AS (
         SELECT id FROM shipments
          WHERE carrier = $1 AND tracking_number IS NOT NULL AND state = ANY($2::text[])
            AND (last_news_at IS NULL OR last_news_at < now() - make_interval(secs => $3))
          ORDER BY last_news_at NULLS FIRST LIMIT $4 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE shipments s SET last_news_at = now() FROM quiet WHERE s.id = quiet.id RETURNING s.id, s.tracking_number)
       SELECT id, tracking_number FROM claimed`,
      [carrier, states, quietSeconds, limit],
    )) as Array<{ id: string; tracking_number: string }>;
    return rows.map((row) => ({ id: row.id, trackingNumber: row.tracking_number }));
  }
}
