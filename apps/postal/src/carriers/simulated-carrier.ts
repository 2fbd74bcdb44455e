import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import type { CarrierStatus, DeliveryFailureReason } from '@onestop/domain';
import { API_PREFIX, Clock, PeriodicTask } from '@onestop/platform';
import { PostalConfig } from '../config.js';
import { signCallback, SIGNATURE_HEADER } from './callback-signature.js';
import { Carrier, type CarrierAcceptance, type CarrierOrder, CarrierRefusedError, type CarrierReport, CarrierUnavailableError } from './carrier.js';
import { SimulatedCarrierOrdersRepository, type SimulatedOrderRow } from './simulated-carrier-orders.repository.js';

/** One step of a simulated parcel's life. */
interface ScriptedEvent {
  status: CarrierStatus;
  /** ISO instant, on the services' clock. */
  at: string;
  reasonCode?: DeliveryFailureReason;
  reason?: string;
  location: string;
}

type OrderRow = SimulatedOrderRow<ScriptedEvent>;

/** How the simulated carrier behaves; tests and developers change it through `/internal/simulated-carrier`. */
export interface SimulatedCarrierBehaviour {
  /** False: it is down (orders, cancellations and tracking fail as unavailable; no callbacks). */
  available: boolean;
  /** What happens to the parcels it accepts from now on. */
  deliveries: 'succeed' | 'fail';
  /** False: it sends no callbacks, and its news arrives only by polling. */
  callbacks: boolean;
}

const MINUTE = 60_000;
const COLLECTED_AT = 'Bưu cục nhận gửi';
const DELIVERED_FROM = 'Bưu cục phát';

/** What an administrator may make a simulated parcel do now. */
export const SIMULATED_MOVES = ['collected', 'in_transit', 'delivered', 'failed_delivery'] as const;
export type SimulatedMove = (typeof SIMULATED_MOVES)[number];

function failedAttempt(at: string, attempt: number): ScriptedEvent {
  return { status: 'failed_delivery', at, reasonCode: 'receiver_absent', reason: `Phát không thành công lần ${attempt}: người nhận vắng nhà`, location: DELIVERED_FROM };
}
const POSTAGE_BASE_VND = 20_000;
const POSTAGE_PER_500G_VND = 5_000;

/**
 * The built-in carrier for development and tests. It accepts orders (unless told it is down),
 * gives each parcel a script of statuses timed on the services' clock (collected after an hour,
 * in transit after three, delivered the next day; or, told to fail, a failed attempt a day for
 * the allowed attempts and back to the sender), and calls postal back with signed callbacks at
 * `/api/v1/carrier-callbacks/simulated` as the clock passes each step. Its book of orders is kept
 * in postal's schema, so a restart loses nothing; its behaviour is per process.
 */
@Injectable()
export class SimulatedCarrier extends Carrier implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly code = 'simulated';
  readonly callbackSecret: string;
  private readonly logger = new Logger('SimulatedCarrier');
  private behaviour: SimulatedCarrierBehaviour = { available: true, deliveries: 'succeed', callbacks: true };
  private readonly callbacks = new PeriodicTask('simulated-carrier', this.logger, () => this.callBack());

  constructor(
    private readonly orders: SimulatedCarrierOrdersRepository,
    private readonly clock: Clock,
    private readonly config: PostalConfig,
  ) {
    super();
    this.callbackSecret = config.CARRIER_CALLBACK_SECRET ?? randomBytes(24).toString('hex');
  }

  get active(): boolean {
    return this.config.CARRIER === 'simulated';
  }

  onApplicationBootstrap(): void {
    // Also the Carrier provider's value, so Nest calls its hooks twice: start once.
    if (!this.active || this.callbacks.started) return;
    this.logger.log('shipments go to the simulated carrier: nothing is really sent, and parcels move (and results count as returned) by themselves; set CARRIER=http for a real carrier');
    this.callbacks.start(this.config.SIMULATED_CARRIER_TICK_MS);
  }

  /** Stops before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.callbacks.stop();
  }

  behave(change: Partial<SimulatedCarrierBehaviour>): SimulatedCarrierBehaviour {
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    this.behaviour = { ...this.behaviour, ...given };
    this.logger.log(`behaviour: ${JSON.stringify(this.behaviour)}`);
    return { ...this.behaviour };
  }

  currentBehaviour(): SimulatedCarrierBehaviour {
    return { ...this.behaviour };
  }

  async createOrder(order: CarrierOrder): Promise<CarrierAcceptance> {
    this.requireAvailable();
    const now = this.clock.now();
    const trackingNumber = `SIM${String(randomInt(1e9)).padStart(9, '0')}VN`;
    // The same reference again (a retried order) gets the parcel already booked.
    const booked = await this.orders.book({ trackingNumber, reference: order.reference, script: this.script(now, order), at: now });
    return { trackingNumber: booked.trackingNumber, postageVnd: postage(order.parcel.weightGrams), acceptedAt: new Date(booked.createdAt) };
  }

  async cancel(trackingNumber: string): Promise<void> {
    this.requireAvailable();
    const order = await this.order(trackingNumber);
    if (!order) throw new CarrierRefusedError(`no parcel ${trackingNumber}`);
    if (this.due(order).some((e) => e.status === 'collected')) throw new CarrierRefusedError(`parcel ${trackingNumber} was collected already`);
    await this.orders.cancel(trackingNumber, this.clock.now());
  }

  async track(trackingNumber: string): Promise<CarrierReport[]> {
    this.requireAvailable();
    const order = await this.order(trackingNumber);
    return order ? this.due(order).map((event) => this.report(order.tracking_number, order.script.indexOf(event), event)) : [];
  }

  /** Calls postal back with the steps the clock has passed, in order, each once acknowledged. */
  async callBack(): Promise<number> {
    if (!this.behaviour.available || !this.behaviour.callbacks) return 0;
    const orders = await this.orders.withStepsToCallBack<ScriptedEvent>();
    let sent = 0;
    for (const order of orders) {
      const due = this.due(order);
      for (let index = order.called_back; index < due.length; index++) {
        const status = await this.post(this.report(order.tracking_number, index, due[index]));
        if (status >= 500 || status === 0) break;
        // A 4xx will not get better by repeating: it is logged and the parcel moves on.
        if (status >= 400) this.logger.warn(`postal refused ${due[index].status} of ${order.tracking_number}: HTTP ${status}`);
        await this.orders.setCalledBack(order.tracking_number, index + 1);
        sent++;
      }
    }
    return sent;
  }

  private async post(report: CarrierReport): Promise<number> {
    const body = JSON.stringify({
      eventId: report.eventId,
      trackingNumber: report.trackingNumber,
      status: report.status,
      occurredAt: report.occurredAt.toISOString(),
      sequence: report.sequence,
      ...(report.reasonCode ? { reasonCode: report.reasonCode } : {}),
      ...(report.reason ? { reason: report.reason } : {}),
      ...(report.location ? { location: report.location } : {}),
    });
    try {
      const response = await fetch(`http://127.0.0.1:${this.config.PORT}/${API_PREFIX}/carrier-callbacks/${this.code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(body, this.callbackSecret), 'x-request-id': `simulated-${report.eventId}` },
        body,
        signal: AbortSignal.timeout(this.config.HTTP_TIMEOUT_MS),
      });
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      this.logger.warn(`callback ${report.eventId} failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  /** Minutes after acceptance of each move (settings), kept in order whatever was set. */
  private timings(): { collected: number; inTransit: number; delivered: number } {
    const collected = this.config.SIMULATED_CARRIER_COLLECTED_AFTER_MINUTES;
    const inTransit = Math.max(collected, this.config.SIMULATED_CARRIER_IN_TRANSIT_AFTER_MINUTES);
    return { collected, inTransit, delivered: Math.max(inTransit, this.config.SIMULATED_CARRIER_DELIVERED_AFTER_MINUTES, 1) };
  }

  private script(acceptedAt: Date, order: CarrierOrder): ScriptedEvent[] {
    const after = (minutes: number) => new Date(acceptedAt.getTime() + minutes * MINUTE).toISOString();
    const towards = order.receiver.address.province ?? order.receiver.address.detail;
    const { collected, inTransit, delivered } = this.timings();
    const events: ScriptedEvent[] = [
      { status: 'collected', at: after(collected), location: COLLECTED_AT },
      { status: 'in_transit', at: after(inTransit), location: `Trung tâm khai thác, chuyển đến ${towards}` },
    ];
    if (this.behaviour.deliveries === 'succeed') {
      events.push({ status: 'delivered', at: after(delivered), location: DELIVERED_FROM });
      return events;
    }
    const attempts = this.config.DELIVERY_MAX_ATTEMPTS;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      events.push(failedAttempt(after(attempt * delivered), attempt));
      if (attempt < attempts) events.push({ status: 'in_transit', at: after(attempt * delivered + collected), location: 'Bưu cục phát, phát lại' });
    }
    events.push({ status: 'returning', at: after(attempts * delivered + collected), reason: 'Chuyển hoàn cho người gửi', location: DELIVERED_FROM });
    events.push({ status: 'returned_to_sender', at: after((attempts + 1) * delivered), location: COLLECTED_AT });
    return events;
  }

  /**
   * Moves a parcel on now, for a demonstration: collected, in transit, delivered, or a failed
   * delivery attempt, with the steps before it that have not happened yet. What follows is
   * scheduled again from now as the settings say (a failed attempt: another attempt, or back to
   * the sender after the allowed attempts). Called back at once.
   */
  async move(trackingNumber: string, to: SimulatedMove): Promise<void> {
    const order = await this.order(trackingNumber);
    if (!order || order.cancelled_at) throw new CarrierRefusedError(`no parcel ${trackingNumber} is being carried`);
    // Unsent steps are dropped; whatever is due now is sent first, as if the tick came.
    const happened = this.due(order);
    const last = happened.at(-1)?.status;
    if (last === 'delivered' || last === 'returning' || last === 'returned_to_sender') throw new CarrierRefusedError(`parcel ${trackingNumber} is ${last.replace(/_/g, ' ')} already`);
    const reached = new Set(happened.map((e) => e.status));
    if (to === 'collected' && reached.has('collected')) throw new CarrierRefusedError(`parcel ${trackingNumber} was collected already`);
    if (to === last) throw new CarrierRefusedError(`parcel ${trackingNumber} is ${to.replace(/_/g, ' ')} already`);
    const now = this.clock.now();
    const at = (minutes = 0) => new Date(now.getTime() + minutes * MINUTE).toISOString();
    const forced: ScriptedEvent[] = [];
    if (!reached.has('collected')) forced.push({ status: 'collected', at: at(), location: COLLECTED_AT });
    if (to !== 'collected' && last !== 'in_transit') forced.push({ status: 'in_transit', at: at(), location: 'Trung tâm khai thác' });
    const { collected, inTransit, delivered } = this.timings();
    const failures = happened.filter((e) => e.status === 'failed_delivery').length + (to === 'failed_delivery' ? 1 : 0);
    const rest: ScriptedEvent[] = [];
    if (to === 'delivered') forced.push({ status: 'delivered', at: at(), location: DELIVERED_FROM });
    else if (to === 'failed_delivery') {
      forced.push(failedAttempt(at(), failures));
      if (failures < this.config.DELIVERY_MAX_ATTEMPTS) {
        rest.push({ status: 'in_transit', at: at(collected), location: 'Bưu cục phát, phát lại' });
        rest.push({ status: 'delivered', at: at(delivered), location: DELIVERED_FROM });
      } else {
        rest.push({ status: 'returning', at: at(collected), reason: 'Chuyển hoàn cho người gửi', location: DELIVERED_FROM });
        rest.push({ status: 'returned_to_sender', at: at(delivered), location: COLLECTED_AT });
      }
    } else {
      if (to === 'collected') rest.push({ status: 'in_transit', at: at(inTransit - collected), location: 'Trung tâm khai thác' });
      rest.push({ status: 'delivered', at: at(delivered - (to === 'collected' ? collected : inTransit)), location: DELIVERED_FROM });
    }
    await this.orders.setScript(trackingNumber, [...happened, ...forced, ...rest]);
    this.logger.log(`parcel ${trackingNumber} moved on to ${to} by hand`);
    await this.callBack();
  }

  /** The steps the clock has passed (and none after a cancellation). */
  private due(order: OrderRow): ScriptedEvent[] {
    const now = this.clock.now().getTime();
    const until = order.cancelled_at ? Math.min(now, new Date(order.cancelled_at).getTime()) : now;
    return order.script.filter((event) => new Date(event.at).getTime() <= until);
  }

  private report(trackingNumber: string, index: number, event: ScriptedEvent): CarrierReport {
    return {
      eventId: `${trackingNumber}-${index + 1}`,
      trackingNumber,
      status: event.status,
      occurredAt: new Date(event.at),
      sequence: index + 1,
      reasonCode: event.reasonCode ?? null,
      reason: event.reason ?? null,
      location: event.location,
    };
  }

  private async order(trackingNumber: string): Promise<OrderRow | undefined> {
    return this.orders.find<ScriptedEvent>(trackingNumber);
  }

  private requireAvailable(): void {
    if (!this.behaviour.available) throw new CarrierUnavailableError('the simulated carrier is down');
  }
}

/** A flat tariff by weight: 20,000 VND up to 500 g, 5,000 VND each further 500 g. */
function postage(weightGrams: number): number {
  return POSTAGE_BASE_VND + Math.max(0, Math.ceil(weightGrams / 500) - 1) * POSTAGE_PER_500G_VND;
}
