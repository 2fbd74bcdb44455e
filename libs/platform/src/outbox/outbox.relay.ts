import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type BackendService, type EventEnvelope, type ServiceName } from '@onestop/domain';
import { ServiceConfig } from '../config/config.js';
import { SERVICE_NAME } from '../service-name.js';
import { ServiceClient } from '../client/service-client.js';
import { DrainLoop, jitteredBackoff } from '../scheduling/drain-loop.js';
import { EVENT_BATCH_LIMIT, type EventBatchOutcome } from '../inbox/internal-events.controller.js';
import type { Span } from '@opentelemetry/api';
import type { Counter } from 'prom-client';
import { Metrics } from '../metrics/metrics.js';
import { contextFromHeaders, endSpan, SpanKind, traceHeadersOf, Tracing } from '../tracing/tracing.js';

interface ClaimedDelivery {
  event_seq: string;
  subscriber: BackendService;
  attempts: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
  /** The `traceparent` of the request that wrote it, when traces were on. */
  trace_context: string | null;
}

const BATCH_SIZE = 100;
/**
 * Events per delivery request: enough to spare most of a request's cost per event, few enough
 * that one request stays well inside HTTP_TIMEOUT_MS on a busy subscriber.
 */
const EVENTS_PER_REQUEST = Math.min(25, EVENT_BATCH_LIMIT);

/**
 * Delivers outbox rows to subscribers' `/internal/events` until each acknowledges with a 2xx.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED` and leased for a while, so several replicas
 * share the work and a relay that dies mid-delivery leaves its rows to be retried: delivery is
 * at least once, and the subscriber's inbox makes the effect exactly once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly loop: DrainLoop;
  /** Subscribers that answered 404 to a batch: an older version, delivered to one event at a time. */
  private readonly singleDeliveries = new Set<BackendService>();
  private readonly delivered: Counter<'subscriber'>;
  private readonly failures: Counter<'subscriber'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
    private readonly client: ServiceClient,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
    metrics: Metrics,
    private readonly tracing: Tracing,
  ) {
    this.delivered = metrics.counter({ name: 'outbox_events_delivered_total', help: 'Events the subscriber acknowledged.', labelNames: ['subscriber'] });
    this.failures = metrics.counter({
      name: 'outbox_delivery_failures_total',
      help: 'Delivery attempts that failed (the subscriber refused the event or could not be reached); each is retried after a back-off.',
      labelNames: ['subscriber'],
    });
    this.loop = new DrainLoop({
      name: `outbox-${service}`,
      roundName: 'delivery round',
      logger: this.logger,
      batchSize: BATCH_SIZE,
      soonMs: 0,
      pollMs: () => this.config.OUTBOX_POLL_MS,
      round: () => this.deliverDue(),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Asks for a delivery round now rather than at the next poll (called after a commit). */
  nudge(): void {
    this.loop.nudge();
  }

  /** One round: claims due deliveries and attempts them. Returns how many were claimed. */
  async deliverDue(): Promise<number> {
    const leaseSeconds = Math.ceil((this.config.HTTP_TIMEOUT_MS * 3) / 1000) + 5;
    const deliveries = (await this.dataSource.query(
      `WITH due AS (
         SELECT event_seq, subscriber FROM outbox_deliveries
          WHERE delivered_at IS NULL AND next_attempt_at <= now()
          ORDER BY event_seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE outbox_deliveries d
            SET next_attempt_at = now() + make_interval(secs => $2), attempts = d.attempts + 1
           FROM due
          WHERE d.event_seq = due.event_seq AND d.subscriber = due.subscriber
         RETURNING d.event_seq, d.subscriber, d.attempts)
       SELECT * FROM claimed`,
      [BATCH_SIZE, leaseSeconds],
    )) as ClaimedDelivery[];
    if (deliveries.length === 0) return 0;

    const rows = (await this.dataSource.query(
      `SELECT seq, id, type, version, payload, occurred_at, trace_context FROM outbox_events WHERE seq = ANY($1::bigint[])`,
      [[...new Set(deliveries.map((d) => d.event_seq))]],
    )) as OutboxRow[];
    const events = new Map(rows.map((row) => [row.seq, row]));

    const bySubscriber = new Map<BackendService, ClaimedDelivery[]>();
    for (const delivery of deliveries) {
      const list = bySubscriber.get(delivery.subscriber) ?? [];
      list.push(delivery);
      bySubscriber.set(delivery.subscriber, list);
    }
    await Promise.all(
      [...bySubscriber].map(([subscriber, list]) =>
        this.deliverInOrder(subscriber, list.sort((a, b) => Number(a.event_seq) - Number(b.event_seq)), events),
      ),
    );
    return deliveries.length;
  }

  /**
   * Delivers one subscriber's events in order, in batches of up to EVENT_BATCH_LIMIT per request;
   * the first failure defers the rest of the list. The acknowledged ones are marked delivered
   * together, once the list stops: a relay that dies before then has them delivered again, which
   * the subscriber's inbox makes harmless, and a round trip to the database per event was half
   * of what a delivery cost. A subscriber that does not take batches yet (an older version
   * during an upgrade) gets them one by one.
   */
  private async deliverInOrder(subscriber: BackendService, list: ClaimedDelivery[], events: Map<string, OutboxRow>): Promise<void> {
    const acknowledged: string[] = [];
    try {
      let index = 0;
      while (index < list.length) {
        const size = this.singleDeliveries.has(subscriber) ? 1 : EVENTS_PER_REQUEST;
        const rows = list.slice(index, index + size).map((d) => events.get(d.event_seq)!);
        const spans = rows.map((row) => this.deliverySpan(subscriber, row));
        const { delivered, error } = rows.length === 1 ? await this.postOne(subscriber, rows[0], spans[0]) : await this.postBatch(subscriber, rows, spans);
        spans.forEach((span, i) => endSpan(span, i < delivered ? {} : { error: i === delivered ? (error ?? 'not acknowledged') : 'not sent: an earlier event was not acknowledged' }));
        acknowledged.push(...list.slice(index, index + delivered).map((d) => d.event_seq));
        this.delivered.inc({ subscriber }, delivered);
        index += delivered;
        if (error === undefined) continue;
        this.failures.inc({ subscriber });
        const delivery = list[index];
        const row = events.get(delivery.event_seq)!;
        const delayMs = this.backoff(delivery.attempts);
        this.logger.warn(`${row.type} ${row.id} to ${subscriber} failed (attempt ${delivery.attempts}), retry in ${delayMs} ms: ${error}`);
        const untried = list.slice(index + 1).map((d) => d.event_seq);
        await this.dataSource.query(
          `UPDATE outbox_deliveries
              SET next_attempt_at = now() + make_interval(secs => $3),
                  last_error = CASE WHEN event_seq = $1 THEN $4 ELSE last_error END,
                  attempts = CASE WHEN event_seq = $1 THEN attempts ELSE attempts - 1 END
            WHERE subscriber = $2 AND (event_seq = $1 OR event_seq = ANY($5::bigint[]))`,
          [delivery.event_seq, subscriber, delayMs / 1000, error.slice(0, 1000), untried],
        );
        return;
      }
    } finally {
      if (acknowledged.length > 0) {
        await this.dataSource.query(`UPDATE outbox_deliveries SET delivered_at = now(), last_error = NULL WHERE subscriber = $1 AND event_seq = ANY($2::bigint[])`, [
          subscriber,
          acknowledged,
        ]);
      }
    }
  }

  private envelopeOf(row: OutboxRow, span?: Span): EventEnvelope {
    const envelope: EventEnvelope = { id: row.id, type: row.type, version: row.version, source: this.service, occurredAt: new Date(row.occurred_at).toISOString(), payload: row.payload };
    // Only when traced: a subscriber of an older version, which knows no such field, gets what it always got.
    if (span) envelope.traceparent = traceHeadersOf(span).traceparent;
    return envelope;
  }

  /**
   * The delivery of one event to one subscriber as a span of the trace of the request that wrote
   * it (its stored `traceparent`), so the subscriber's handling hangs beneath it; none when traces
   * are off or the event was written outside a traced request.
   */
  private deliverySpan(subscriber: BackendService, row: OutboxRow): Span | undefined {
    if (!this.tracing.enabled || !row.trace_context) return undefined;
    return this.tracing.start(`deliver ${row.type} to ${subscriber}`, {
      kind: SpanKind.PRODUCER,
      parent: contextFromHeaders({ traceparent: row.trace_context }),
      attributes: { 'messaging.system': 'onestop-outbox', 'messaging.operation.type': 'send', 'messaging.destination.name': subscriber, 'messaging.message.id': row.id, 'onestop.event_type': row.type },
    });
  }

  /** One event: delivered (1) or why not. */
  private async postOne(subscriber: BackendService, row: OutboxRow, span?: Span): Promise<{ delivered: number; error?: string }> {
    try {
      // Once, without the client's retries: the relay keeps its own back-off per delivery.
      const response = await this.client.send(subscriber, { method: 'POST', path: '/internal/events', body: this.envelopeOf(row, span), headers: { 'x-request-id': `event-${row.id}` } });
      if (response.status >= 200 && response.status < 300) return { delivered: 1 };
      return { delivered: 0, error: `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}` };
    } catch (error) {
      return { delivered: 0, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  /** How many of `rows` the subscriber applied, in order, and why the next was not. */
  private async postBatch(subscriber: BackendService, rows: OutboxRow[], spans: Array<Span | undefined>): Promise<{ delivered: number; error?: string }> {
    try {
      const response = await this.client.send<EventBatchOutcome>(subscriber, {
        method: 'POST',
        path: '/internal/events/batch',
        body: { events: rows.map((row, i) => this.envelopeOf(row, spans[i])) },
        headers: { 'x-request-id': `events-${rows[0].id}` },
      });
      if (response.status === 404) {
        this.singleDeliveries.add(subscriber);
        this.logger.warn(`${subscriber} takes no event batches: delivering one by one`);
        return this.postOne(subscriber, rows[0], spans[0]);
      }
      if (response.status < 200 || response.status >= 300) return { delivered: 0, error: `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}` };
      const outcome = response.body;
      // Only a prefix in our order counts: anything else is not an acknowledgement of ours.
      let delivered = 0;
      while (delivered < outcome.acknowledged.length && delivered < rows.length && outcome.acknowledged[delivered].id === rows[delivered].id) delivered++;
      if (delivered === rows.length) return { delivered };
      const refused = outcome.refused;
      return { delivered, error: refused ? `HTTP ${refused.status}: ${refused.code}${refused.detail ? ` (${refused.detail})` : ''}` : 'the batch was not acknowledged whole' };
    } catch (error) {
      return { delivered: 0, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  /** Exponential back-off with jitter, capped by OUTBOX_MAX_BACKOFF_MS. */
  private backoff(attempts: number): number {
    return jitteredBackoff(attempts, this.config.OUTBOX_MAX_BACKOFF_MS);
  }
}
