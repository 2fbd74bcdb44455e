import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CURRENT_EVENT_VERSIONS, type EventPayload, type EventType, subscribersOf } from '@onestop/domain';
import { OutboxRelay } from './outbox.relay.js';

/** A transaction in which changes and the events announcing them are written together. */
export interface OutboxTransaction {
  manager: EntityManager;
  /** Records an event for every subscriber; it leaves only if the transaction commits. */
  publish<T extends EventType>(type: T, payload: EventPayload<T>): Promise<string>;
}

@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Runs `work` in one database transaction; events it publishes are delivered after the
   * commit (and never if it rolls back).
   */
  async transaction<R>(work: (tx: OutboxTransaction) => Promise<R>): Promise<R> {
    let published = 0;
    const result = await this.dataSource.transaction(async (manager) =>
      work({
        manager,
        publish: async (type, payload) => {
          published++;
          return writeEvent(manager, type, payload);
        },
      }),
    );
    if (published > 0) this.relay.nudge();
    return result;
  }
}

/**
 * Inserts the event and one pending delivery per subscriber, inside the caller's transaction,
 * in one statement: every event of every service passes here, and a round trip to the
 * database is most of what writing it costs.
 */
export async function writeEvent<T extends EventType>(manager: EntityManager, type: T, payload: EventPayload<T>): Promise<string> {
  const id = randomUUID();
  await manager.query(
    `WITH event AS (INSERT INTO outbox_events (id, type, version, payload) VALUES ($1, $2, $3, $4) RETURNING seq)
     INSERT INTO outbox_deliveries (event_seq, subscriber) SELECT event.seq, subscriber FROM event, unnest($5::text[]) AS subscriber`,
    [id, type, CURRENT_EVENT_VERSIONS[type], JSON.stringify(payload), subscribersOf(type)],
  );
  return id;
}
