import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { compareCarrierEvents, TRACKED_SHIPMENT_STATES } from '@onestop/domain';
import { PeriodicTask, ProblemException } from '@onestop/platform';
import { PostalConfig } from '../config.js';
import { type MoveResult, ShipmentMoves } from '../shipments/shipment-moves.service.js';
import { ShipmentsRepository } from '../shipments/shipments.repository.js';
import { Carrier, type CarrierReport } from './carrier.js';

const POLL_BATCH = 50;

/**
 * News from the carrier, however it comes: a signed callback, or the polling fallback for
 * shipments the carrier has been quiet about for CARRIER_POLL_STALE_MS. Each report is applied
 * once (by the carrier's event id), never moves a shipment back, and is kept in its history.
 */
@Injectable()
export class CarrierReports implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CarrierReports');
  private readonly polling = new PeriodicTask('carrier-poll', this.logger, () => this.pollQuiet());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carrier: Carrier,
    private readonly moves: ShipmentMoves,
    private readonly shipments: ShipmentsRepository,
    private readonly config: PostalConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.polling.start(this.config.CARRIER_POLL_MS);
  }

  /** Stops before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.polling.stop();
  }

  /** Applies one report to the shipment with its tracking number; 404 when the carrier has no such shipment here. */
  async ingest(report: CarrierReport, source: 'carrier' | 'poll'): Promise<MoveResult & { shipmentId: string }> {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await this.shipments.lockByTrackingNumber(this.carrier.code, report.trackingNumber, manager);
      if (!shipment) throw ProblemException.notFound('shipment-not-found', `No shipment with tracking number ${report.trackingNumber} for carrier ${this.carrier.code}.`);
      const moved = await this.moves.apply(
        manager,
        shipment,
        {
          move: report.status,
          at: report.occurredAt,
          sequence: report.sequence ?? null,
          source,
          actor: this.carrier.code,
          carrierEventId: report.eventId,
          reasonCode: report.reasonCode ?? null,
          reason: report.reason ?? null,
          location: report.location ?? null,
        },
        { lastNewsAt: new Date() },
      );
      if (moved.outcome === 'duplicate' || moved.outcome === 'out_of_order') await this.shipments.touchNews(shipment.id, manager);
      return { ...moved, shipmentId: shipment.id };
    });
  }

  /**
   * The polling fallback: shipments still with the carrier and without news for a while are
   * asked about, and every event the carrier knows is applied in the carrier's order. Claiming
   * sets the news time, so replicas do not ask twice and each shipment waits its turn again.
   */
  async pollQuiet(): Promise<number> {
    const due = await this.shipments.claimQuiet(this.carrier.code, TRACKED_SHIPMENT_STATES, this.config.CARRIER_POLL_STALE_MS / 1000, POLL_BATCH);
    for (const { trackingNumber } of due) {
      let reports: CarrierReport[];
      try {
        reports = await this.carrier.track(trackingNumber);
      } catch (error) {
        this.logger.warn(`cannot poll ${trackingNumber} at ${this.carrier.code}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      for (const report of [...reports].sort(compareCarrierEvents)) {
        try {
          await this.ingest(report, 'poll');
        } catch (error) {
          this.logger.warn(`polled ${report.status} of ${trackingNumber} not applied: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return due.length;
  }
}
