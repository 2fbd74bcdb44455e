import { Logger } from '@nestjs/common';
import { CARRIER_STATUSES, type CarrierStatus, DELIVERY_FAILURE_REASONS, type DeliveryFailureReason } from '@onestop/domain';
import { Carrier, type CarrierAcceptance, type CarrierOrder, CarrierRefusedError, type CarrierReport, CarrierUnavailableError } from './carrier.js';

export interface HttpCarrierOptions {
  code: string;
  baseUrl: string;
  apiKey: string;
  callbackSecret: string;
  timeoutMs: number;
}

interface WireEvent {
  eventId?: unknown;
  status?: unknown;
  occurredAt?: unknown;
  sequence?: unknown;
  reasonCode?: unknown;
  reason?: unknown;
  location?: unknown;
}

/**
 * A real carrier's API, as postal speaks it:
 * - `POST {base}/orders` with the order as JSON and `Idempotency-Key: <shipment id>` (the
 *   carrier answers a repeated key with the same order) → 200/201 `{ trackingNumber, postageVnd, acceptedAt }`;
 * - `POST {base}/orders/{trackingNumber}/cancellation` `{ reason }` → 2xx, or 409 when too late;
 * - `GET {base}/orders/{trackingNumber}/events` → `{ events: [{ eventId, status, occurredAt, sequence?, reasonCode?, reason?, location? }] }`;
 * every call with `Authorization: Bearer <CARRIER_API_KEY>`. A timeout, a network error or a 5xx
 * means "unavailable, try again"; another 4xx is a refusal. Status callbacks come back signed
 * to `/api/v1/carrier-callbacks/{code}` in the same event shape.
 */
export class HttpCarrier extends Carrier {
  readonly code: string;
  readonly callbackSecret: string;
  private readonly logger = new Logger('HttpCarrier');

  constructor(private readonly options: HttpCarrierOptions) {
    super();
    this.code = options.code;
    this.callbackSecret = options.callbackSecret;
  }

  async createOrder(order: CarrierOrder): Promise<CarrierAcceptance> {
    const body = (await this.call('POST', '/orders', order, { 'idempotency-key': order.reference })) as Record<string, unknown>;
    const acceptedAt = typeof body.acceptedAt === 'string' ? new Date(body.acceptedAt) : new Date(Number.NaN);
    if (typeof body.trackingNumber !== 'string' || !body.trackingNumber || !Number.isInteger(body.postageVnd) || Number(body.postageVnd) < 0 || Number.isNaN(acceptedAt.getTime())) {
      throw new CarrierUnavailableError(`the carrier accepted the order with an answer postal does not understand: ${JSON.stringify(body).slice(0, 300)}`);
    }
    return { trackingNumber: body.trackingNumber, postageVnd: Number(body.postageVnd), acceptedAt };
  }

  async cancel(trackingNumber: string, reason: string): Promise<void> {
    await this.call('POST', `/orders/${encodeURIComponent(trackingNumber)}/cancellation`, { reason });
  }

  async track(trackingNumber: string): Promise<CarrierReport[]> {
    const body = (await this.call('GET', `/orders/${encodeURIComponent(trackingNumber)}/events`)) as { events?: WireEvent[] };
    const reports: CarrierReport[] = [];
    for (const event of Array.isArray(body.events) ? body.events : []) {
      const report = toReport(trackingNumber, event);
      if (report) reports.push(report);
      else this.logger.warn(`ignored an event of ${trackingNumber} postal does not understand: ${JSON.stringify(event).slice(0, 300)}`);
    }
    return reports;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new CarrierUnavailableError(`the carrier did not answer ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) throw new CarrierUnavailableError(`the carrier answered ${method} ${path} with HTTP ${response.status}`);
    if (response.status >= 400) throw new CarrierRefusedError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    try {
      return text ? (JSON.parse(text) as unknown) : {};
    } catch {
      throw new CarrierUnavailableError(`the carrier answered ${method} ${path} with a body that is not JSON`);
    }
  }
}

function toReport(trackingNumber: string, event: WireEvent): CarrierReport | undefined {
  const occurredAt = typeof event.occurredAt === 'string' ? new Date(event.occurredAt) : undefined;
  if (typeof event.eventId !== 'string' || !event.eventId || !CARRIER_STATUSES.includes(event.status as CarrierStatus) || !occurredAt || Number.isNaN(occurredAt.getTime())) return undefined;
  return {
    eventId: event.eventId,
    trackingNumber,
    status: event.status as CarrierStatus,
    occurredAt,
    sequence: Number.isInteger(event.sequence) ? Number(event.sequence) : null,
    reasonCode: DELIVERY_FAILURE_REASONS.includes(event.reasonCode as DeliveryFailureReason) ? (event.reasonCode as DeliveryFailureReason) : null,
    reason: typeof event.reason === 'string' ? event.reason.slice(0, 1000) : null,
    location: typeof event.location === 'string' ? event.location.slice(0, 300) : null,
  };
}
