import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CURRENT_EVENT_VERSIONS, type EventPayload, type EventType, subscribersOf } from '@onestop/domain';
import { markEventWritten } from './delivery-on-commit.js';
import { currentSpan } from '../request-context/request-context.js';
import { traceHeadersOf } from '../tracing/tracing.js';

/** A transaction in which changes and the events announcing them are written together. */
export interface OutboxTransaction {
  manager: EntityManager;
  /** Records an event for every subscriber; it leaves only if the transaction commits. */
  publish<T extends EventType>(type: T, payload: EventPayload<T>): Promise<string>;
}

@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one database transaction; events it publishes are delivered after the
   * commit (and never if it rolls back).
   */
  async transaction<R>(work: (tx: OutboxTransaction) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (manager) => work({ manager, publish: (type, payload) => writeEvent(manager, type, payload) }));
  }
}

/**
 * Inserts the event and one pending delivery per subscriber, inside the caller's transaction,
 * in one statement: every event of every service passes here, and a round trip to the
 * database is most of what writing it costs. Its delivery starts when that transaction
 * commits (`DeliveryOnCommit`).
 */
export async function writeEvent<T extends EventType>(manager: EntityManager, type: T, payload: EventPayload<T>): Promise<string> {
  markEventWritten(manager);
  const id = randomUUID();
  // The trace of the request writing it (only when traces are on), for its delivery to continue.
  const span = currentSpan();
  const traceContext = span ? (traceHeadersOf(span).traceparent ?? null) : null;
  await manager.query(
    `WITH event AS (INSERT INTO outbox_events (id, type, version, payload, trace_context) VALUES ($1, $2, $3, $4, $6) RETURNING seq)
     INSERT INTO outbox_deliveries (event_seq, subscriber) SELECT event.seq, subscriber FROM event, unnest($5::text[]) AS subscriber`,
    [id, type, CURRENT_EVENT_VERSIONS[type], JSON.stringify(payload), subscribersOf(type), traceContext],
  );
  return id;
}
