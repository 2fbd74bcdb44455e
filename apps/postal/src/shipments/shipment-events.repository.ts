import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ShipmentState } from '@onestop/domain';
import type { TrackingRow } from './shipment.views.js';

/** One entry of a shipment's history, as it is written. */
export interface ShipmentEventRecord {
  shipmentId: string;
  carrier: string;
  carrierEventId: string | null;
  reported: string;
  stateAfter: ShipmentState;
  outcome: string;
  at: Date;
  sequence: number | null;
  source: string;
  actor: string | null;
  reasonCode: string | null;
  reason: string | null;
  location: string | null;
}

/** Every statement on the shipments' histories (`shipment_events`). */
@Injectable()
export class ShipmentEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the carrier's event was recorded before. */
  async seen(carrier: string, carrierEventId: string, manager: EntityManager): Promise<boolean> {
    const seen = (await manager.query(`SELECT 1 FROM shipment_events WHERE carrier = $1 AND carrier_event_id = $2`, [carrier, carrierEventId])) as unknown[];
    return seen.length > 0;
  }

  async insert(event: ShipmentEventRecord, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO shipment_events (shipment_id, carrier, carrier_event_id, reported, state_after, outcome, at, sequence, source, actor, reason_code, reason, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        event.shipmentId,
        event.carrier,
        event.carrierEventId,
        event.reported,
        event.stateAfter,
        event.outcome,
        event.at,
        event.sequence,
        event.source,
        event.actor,
        event.reasonCode,
        event.reason,
        event.location,
      ],
    );
  }

  /** The histories of these shipments, each in the order it was written. */
  async ofShipments(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, TrackingRow[]>> {
    const byShipment = new Map<string, TrackingRow[]>();
    if (ids.length === 0) return byShipment;
    const rows = (await manager.query(
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
