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
 * in one statement (see writeEvents). Its delivery starts when that transaction commits
 * (`DeliveryOnCommit`).
 */
export async function writeEvent<T extends EventType>(manager: EntityManager, type: T, payload: EventPayload<T>): Promise<string> {
  const [id] = await writeEvents(manager, type, [payload]);
  return id;
}

/**
 * Events of one type and a pending delivery per subscriber for each, in one statement, in the
 * order given: every event of every service passes here, and a round trip to the database is
 * most of what writing it costs (a background round announcing each case it marked writes its
 * batch at once).
 */
export async function writeEvents<T extends EventType>(manager: EntityManager, type: T, payloads: Array<EventPayload<T>>): Promise<string[]> {
  if (payloads.length === 0) return [];
  markEventWritten(manager);
  const ids = payloads.map(() => randomUUID());
  // The trace of the request writing them (only when traces are on), for their delivery to continue.
  const span = currentSpan();
  const traceContext = span ? (traceHeadersOf(span).traceparent ?? null) : null;
  await manager.query(
    `WITH given AS (SELECT * FROM unnest($1::uuid[], $2::jsonb[]) WITH ORDINALITY AS g (id, payload, n)),
          event AS (INSERT INTO outbox_events (id, type, version, payload, trace_context)
                    SELECT id, $3, $4, payload, $6 FROM given ORDER BY n RETURNING seq)
     INSERT INTO outbox_deliveries (event_seq, subscriber) SELECT event.seq, subscriber FROM event, unnest($5::text[]) AS subscriber`,
    [ids, payloads.map((p) => JSON.stringify(p)), type, CURRENT_EVENT_VERSIONS[type], subscribersOf(type), traceContext],
  );
  return ids;
}
