import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A simulated parcel as the simulated carrier reads it back; its script is the carrier's own. */
export interface SimulatedOrderRow<Step> {
  tracking_number: string;
  script: Step[];
  called_back: number;
  cancelled_at: Date | null;
}

/** Every statement on the simulated carrier's book of orders (`simulated_carrier_orders`). */
@Injectable()
export class SimulatedCarrierOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Books a parcel, unless one is booked for the reference already; returns the one booked. */
  async book(order: { trackingNumber: string; reference: string; script: unknown[]; at: Date }): Promise<{ trackingNumber: string; createdAt: Date }> {
    await this.dataSource.query(
      `INSERT INTO simulated_carrier_orders (tracking_number, reference, script, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (reference) DO NOTHING`,
      [order.trackingNumber, order.reference, JSON.stringify(order.script), order.at],
    );
    const [booked] = (await this.dataSource.query(`SELECT tracking_number, created_at FROM simulated_carrier_orders WHERE reference = $1`, [order.reference])) as Array<{
      tracking_number: string;
      created_at: Date;
    }>;
    return { trackingNumber: booked.tracking_number, createdAt: booked.created_at };
  }

  async find<Step>(trackingNumber: string): Promise<SimulatedOrderRow<Step> | undefined> {
    const [order] = (await this.dataSource.query(`SELECT tracking_number, script, called_back, cancelled_at FROM simulated_carrier_orders WHERE tracking_number = $1`, [
      trackingNumber,
    ])) as Array<SimulatedOrderRow<Step>>;
    return order;
  }

  /** Parcels not cancelled with steps not yet called back, the 200 oldest. */
  async withStepsToCallBack<Step>(): Promise<Array<SimulatedOrderRow<Step>>> {
    return (await this.dataSource.query(
      `SELECT tracking_number, script, called_back, cancelled_at FROM simulated_carrier_orders
        WHERE cancelled_at IS NULL AND called_back < jsonb_array_length(script) ORDER BY created_at LIMIT 200`,
    )) as Array<SimulatedOrderRow<Step>>;
  }

  async cancel(trackingNumber: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE simulated_carrier_orders SET cancelled_at = $2 WHERE tracking_number = $1 AND cancelled_at IS NULL`, [trackingNumber, at]);
  }

  async setCalledBack(trackingNumber: string, steps: number): Promise<void> {
    await this.dataSource.query(`UPDATE simulated_carrier_orders SET called_back = $2 WHERE tracking_number = $1`, [trackingNumber, steps]);
  }

  async setScript(trackingNumber: string, script: unknown[]): Promise<void> {
    await this.dataSource.query(`UPDATE simulated_carrier_orders SET script = $2 WHERE tracking_number = $1`, [trackingNumber, JSON.stringify(script)]);
  }
}
