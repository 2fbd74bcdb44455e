import type pg from 'pg';

/** How long a scenario waits for the services' background work (event delivery) before failing. */
const WAIT_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it returns a value, or fails after WAIT_TIMEOUT_MS. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Events of `type` after `afterSeq` in a service's outbox: how many, deliveries still pending, the last delivery. */
export async function outbox(db: pg.Pool, schema: string, type: string, afterSeq: number): Promise<{ events: number; pending: number; lastDelivered: Date | null }> {
  const { rows } = await db.query<{ events: number; pending: number; lastDelivered: Date | null }>(
    `SELECT count(DISTINCT e.seq)::int AS events, (count(d.event_seq) FILTER (WHERE d.delivered_at IS NULL))::int AS pending, max(d.delivered_at) AS "lastDelivered"
       FROM ${schema}.outbox_events e LEFT JOIN ${schema}.outbox_deliveries d ON d.event_seq = e.seq
      WHERE e.type = $1 AND e.seq > $2`,
    [type, afterSeq],
  );
  return rows[0];
}

/** The last event in a service's outbox (0 when empty). */
export async function lastSeq(db: pg.Pool, schema: string): Promise<number> {
  return Number((await db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM ${schema}.outbox_events`)).rows[0].seq);
}

/** Waits until every `type` event after `afterSeq` is delivered to every subscriber. */
export async function drained(db: pg.Pool, schema: string, type: string, afterSeq: number, expected: number): Promise<{ events: number; lastDelivered: Date | null }> {
  return waitFor(`${schema}'s ${type} events to be delivered`, async () => {
    const state = await outbox(db, schema, type, afterSeq);
    return state.events >= expected && state.pending === 0 ? state : undefined;
  });
}
