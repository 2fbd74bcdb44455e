import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DrainLoop, jitteredBackoff } from '@onestop/platform';
import { PostalConfig } from '../config.js';
import type { Shipment } from '../shipments/shipment.entity.js';
import { ShipmentMoves } from '../shipments/shipment-moves.service.js';
import { ShipmentsRepository } from '../shipments/shipments.repository.js';
import { Carrier, type CarrierAcceptance, type CarrierOrder } from './carrier.js';

const BATCH_SIZE = 20;

/**
 * The carrier's outbox: orders written with their shipments (`awaiting_carrier`, with a next
 * attempt time) are sent to the carrier until it accepts them, with exponential back-off while
 * it is down. Rows are claimed with `FOR UPDATE SKIP LOCKED` under a lease, as the event outbox
 * does, so replicas share the work and a crashed attempt comes back. The carrier deduplicates
 * orders on the shipment id, so an order whose acceptance was lost is not created twice.
 */
@Injectable()
export class CarrierOrders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CarrierOrders');
  private readonly loop = new DrainLoop({
    name: 'carrier-orders',
    roundName: 'order round',
    logger: this.logger,
    batchSize: BATCH_SIZE,
    soonMs: 50,
    pollMs: () => this.config.OUTBOX_POLL_MS,
    round: () => this.sendDue(),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carrier: Carrier,
    private readonly moves: ShipmentMoves,
    private readonly shipments: ShipmentsRepository,
    private readonly config: PostalConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Stops before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Asks for a round shortly (after the caller's transaction has committed). */
  nudgeSoon(): void {
    this.loop.nudge();
  }

  /** One round: claims due orders and sends them. Returns how many were claimed. */
  async sendDue(): Promise<number> {
    const leaseSeconds = Math.ceil((this.config.HTTP_TIMEOUT_MS * 2) / 1000) + 5;
    const ids = await this.shipments.claimDueOrders(BATCH_SIZE, leaseSeconds);
    for (const id of ids) await this.send(id);
    return ids.length;
  }

  private async send(id: string): Promise<void> {
    const shipment = await this.shipments.find(id);
    if (!shipment || shipment.state !== 'awaiting_carrier') return;
    let acceptance: CarrierAcceptance;
    try {
      acceptance = await this.carrier.createOrder(orderOf(shipment));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const delayMs = this.backoff(shipment.orderAttempts);
      this.logger.warn(`order of shipment ${id} not accepted by ${this.carrier.code} (attempt ${shipment.orderAttempts}), retry in ${delayMs} ms: ${why}`);
      await this.shipments.postponeOrder(id, delayMs / 1000, why.slice(0, 1000));
      return;
    }
    const accepted = await this.dataSource.transaction(async (manager) => {
      const locked = await this.shipments.lock(id, manager);
      if (locked.state !== 'awaiting_carrier') return false;
      await this.moves.apply(
        manager,
        locked,
        { move: 'accepted', at: acceptance.acceptedAt, source: 'system', actor: this.carrier.code },
        {
          trackingNumber: acceptance.trackingNumber,
          postageVnd: acceptance.postageVnd,
          // A result's postage is paid by the applicant on delivery.
          codVnd: locked.codVnd + (locked.kind === 'result_delivery' ? acceptance.postageVnd : 0),
          orderNextAttemptAt: null,
          orderLastError: null,
          lastNewsAt: new Date(),
        },
      );
      return true;
    });
    if (accepted) return;
    // Cancelled while the order was on its way: take it back from the carrier.
    this.logger.warn(`shipment ${id} was cancelled while its order was being placed; cancelling ${acceptance.trackingNumber} at ${this.carrier.code}`);
    await this.carrier.cancel(acceptance.trackingNumber, 'Cancelled before the order was confirmed').catch((error: unknown) => {
      this.logger.error(`could not cancel ${acceptance.trackingNumber} at ${this.carrier.code}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Exponential back-off with jitter, capped by OUTBOX_MAX_BACKOFF_MS. */
  private backoff(attempts: number): number {
    return jitteredBackoff(attempts, this.config.OUTBOX_MAX_BACKOFF_MS);
  }
}

export function orderOf(shipment: Shipment): CarrierOrder {
  return {
    reference: shipment.id,
    orderNumber: shipment.dossierCode ?? shipment.id,
    kind: shipment.kind,
    sender: shipment.sender,
    receiver: shipment.receiver,
    parcel: shipment.parcel,
    codVnd: shipment.codVnd,
    postagePaidByReceiver: shipment.kind === 'result_delivery',
  };
}
