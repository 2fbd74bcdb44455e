import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@onestop/domain';
import { ProblemException } from '../errors/problem.js';
import { HandleEvent, type EventHandlerOptions } from './handle-event.decorator.js';
import type { Counter } from 'prom-client';
import { Metrics } from '../metrics/metrics.js';
import { runInSpan, runWithRequestId } from '../request-context/request-context.js';
import { contextFromHeaders, endSpan, SpanKind, Tracing } from '../tracing/tracing.js';

type BoundHandler = { versions: number[]; run: (event: EventEnvelope, manager: EntityManager) => Promise<void> };

export type InboxOutcome = 'applied' | 'duplicate';

/** Applies each incoming event once: the inbox row and the handler's effect commit together. */
@Injectable()
export class InboxService implements OnModuleInit {
  private readonly logger = new Logger('Inbox');
  private readonly handlers = new Map<string, BoundHandler>();
  private readonly handled: Counter<'type' | 'source' | 'outcome'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    metrics: Metrics,
    private readonly tracing: Tracing,
  ) {
    this.handled = metrics.counter({
      name: 'inbox_events_handled_total',
      help: 'Events received, by type, publisher and outcome: applied, duplicate (applied before: a redelivery), refused (not handled here, or a version not understood), failed.',
      labelNames: ['type', 'source', 'outcome'],
    });
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const options = this.discovery.getMetadataByDecorator(HandleEvent, wrapper, method) as EventHandlerOptions | undefined;
        if (!options) continue;
        if (this.handlers.has(options.type)) throw new Error(`Two handlers for event ${options.type}`);
        const fn = instance[method] as (event: EventEnvelope, manager: EntityManager) => Promise<void>;
        this.handlers.set(options.type, { versions: options.versions, run: fn.bind(instance) });
      }
    }
  }

  handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Applies the event, counted by outcome, and, when the publisher traced its delivery, as a span
   * beneath it; the events the handler writes carry that span on.
   */
  async receive(event: EventEnvelope): Promise<InboxOutcome> {
    const span = this.spanOf(event);
    try {
      const outcome = await runInSpan(span, () => this.apply(event));
      this.handled.inc({ type: event.type, source: event.source, outcome });
      span?.setAttribute('onestop.inbox_outcome', outcome);
      endSpan(span);
      return outcome;
    } catch (error) {
      this.handled.inc({ type: event.type, source: event.source, outcome: error instanceof ProblemException && error.getStatus() < 500 ? 'refused' : 'failed' });
      endSpan(span, { error });
      throw error;
    }
  }

  /** How many events from the start of `events` this service has a handler for, in a version it understands. */
  handledPrefix(events: readonly EventEnvelope[]): number {
    const refused = events.findIndex((event) => !this.handlers.get(event.type)?.versions.includes(event.version));
    return refused === -1 ? events.length : refused;
  }

  /**
   * Applies several events, in order, in one transaction: one inbox insert for all of them and
   * one commit, rather than a transaction each (under load a relay's batch is several events,
   * and the transactions were most of the statements a delivery cost). All or nothing: when
   * anything fails the transaction is rolled back, nothing is counted, and the error is thrown
   * for the caller to apply them one by one (`receive`), which stops at the one that fails.
   * Every event must have a handler (`handledPrefix`).
   */
  async receiveTogether(events: readonly EventEnvelope[]): Promise<InboxOutcome[]> {
    const spans = events.map((event) => this.spanOf(event));
    try {
      const outcomes = await this.dataSource.transaction(async (manager) => {
        const inserted = (await manager.query(
          `INSERT INTO inbox_events (event_id, type, source) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
          [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.source)],
        )) as Array<{ event_id: string }>;
        const fresh = new Set(inserted.map((row) => row.event_id));
        const applied: InboxOutcome[] = [];
        for (const [index, event] of events.entries()) {
          // The same event twice in one batch is applied once.
          if (!fresh.delete(event.id)) {
            applied.push('duplicate');
            continue;
          }
          await runWithRequestId(`event-${event.id}`, () => runInSpan(spans[index], () => this.handlers.get(event.type)!.run(event, manager)));
          applied.push('applied');
        }
        return applied;
      });
      for (const [index, event] of events.entries()) {
        this.handled.inc({ type: event.type, source: event.source, outcome: outcomes[index] });
        spans[index]?.setAttribute('onestop.inbox_outcome', outcomes[index]);
        endSpan(spans[index]);
      }
      return outcomes;
    } catch (error) {
      // Not an outcome: each event is applied again on its own, and counted then.
      for (const span of spans) endSpan(span, { error });
      throw error;
    }
  }

  /** The span of an event's handling, beneath its delivery when the publisher traced it. */
  private spanOf(event: EventEnvelope) {
    return event.traceparent
      ? this.tracing.start(`handle ${event.type}`, {
          kind: SpanKind.CONSUMER,
          parent: contextFromHeaders({ traceparent: event.traceparent }),
          attributes: { 'messaging.system': 'onestop-outbox', 'messaging.operation.type': 'process', 'messaging.message.id': event.id, 'onestop.event_type': event.type, 'onestop.event_source': event.source },
        })
      : undefined;
  }

  private async apply(event: EventEnvelope): Promise<InboxOutcome> {
    const handler = this.handlers.get(event.type);
    if (!handler) {
      // Not acknowledged: the publisher keeps it and retries once this service handles it.
      throw ProblemException.unprocessable('event-not-handled', `This service has no handler for ${event.type}.`);
    }
    if (!handler.versions.includes(event.version)) {
      throw ProblemException.unprocessable('event-version-not-supported', `${event.type} version ${event.version} is not understood; supported: ${handler.versions.join(', ')}.`);
    }
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO inbox_events (event_id, type, source) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.id, event.type, event.source],
      )) as unknown[];
      if (inserted.length === 0) {
        this.logger.debug(`${event.type} ${event.id} already applied`);
        return 'duplicate';
      }
      await handler.run(event, manager);
      return 'applied';
    });
  }
}
