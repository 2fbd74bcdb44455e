import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { PeriodicTask } from '../scheduling/periodic-task.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentOutcome<R> {
  result: R;
  /** True when this answer repeats what an earlier request with the same key created. */
  replayed: boolean;
}

/**
 * Answers a creation under an idempotency key: `Location` of what was created and, when the
 * answer repeats an earlier one, `Idempotent-Replayed: true`. Returns the result to send.
 */
export function answerCreated<R>(response: { setHeader(name: string, value: string): unknown }, location: string, outcome: IdempotentOutcome<R>): R {
  response.setHeader('Location', location);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return outcome.result;
}

/** Key order must not make two equal requests look different. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * `Idempotency-Key` for creating POSTs: a retry with the same key and the same request answers
 * what the first one created and creates nothing; the same key with another request is a 409.
 * The key is claimed in the caller's transaction, so a concurrent retry waits for the first to
 * commit (and then replays it) or to roll back (and then runs itself).
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private readonly task = new PeriodicTask('idempotency-purge', this.logger, () => this.purge());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.IDEMPOTENCY_PURGE_MS, { runNow: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Keys claimed before this instant are forgotten (the services' clock). */
  private expiry(): Date {
    return new Date(this.clock.now().getTime() - this.config.IDEMPOTENCY_KEY_HOURS * 3_600_000);
  }

  /** Deletes the keys past IDEMPOTENCY_KEY_HOURS, and the answers they kept; how many. */
  async purge(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at <= $1`, [this.expiry()])) as [unknown, number];
    if (deleted > 0) this.logger.log(`forgot ${deleted} idempotency keys past ${this.config.IDEMPOTENCY_KEY_HOURS} hours`);
    return deleted;
  }

  /**
   * What an earlier request with this key created, if any, checked before any other work, so a
   * retry is answered the same even when the world has changed since (a procedure abolished).
   */
  async replay<R>(scope: string, key: string | undefined, request: unknown): Promise<R | undefined> {
    if (key === undefined) return undefined;
    const requestHash = hashRequest(key, request);
    const [previous] = (await this.dataSource.query(`SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2 AND response IS NOT NULL AND created_at > $3`, [
      scope,
      key,
      this.expiry(),
    ])) as Array<{ request_hash: string; response: R }>;
    if (!previous) return undefined;
    if (previous.request_hash !== requestHash) throw reused();
    return previous.response;
  }

  /** Runs `create` in the caller's transaction unless this key already created something. */
  async once<R>(manager: EntityManager, scope: string, key: string | undefined, request: unknown, create: () => Promise<R>): Promise<IdempotentOutcome<R>> {
    if (key === undefined) return { result: await create(), replayed: false };
    const requestHash = hashRequest(key, request);
    // A key past its hours (not yet purged) is claimed afresh, as a new one.
    const claimed = (await manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = EXCLUDED.created_at
        WHERE idempotency_keys.created_at <= $5
       RETURNING key`,
      [scope, key, requestHash, this.clock.now(), this.expiry()],
    )) as unknown[];
    if (claimed.length === 0) {
      const [previous] = (await manager.query(`SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key])) as Array<{
        request_hash: string;
        response: R;
      }>;
      if (previous.request_hash !== requestHash) throw reused();
      return { result: previous.response, replayed: true };
    }
    const result = await create();
    await manager.query(`UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2`, [scope, key, JSON.stringify(result)]);
    return { result, replayed: false };
  }
}

/** A request's fingerprint: equal for equal requests, whatever the order of their keys. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function hashRequest(key: string, request: unknown): string {
  if (!ACCEPTABLE_KEY.test(key)) {
    throw ProblemException.badRequest('validation-failed', 'Idempotency-Key must be 1-200 visible ASCII characters.', [
      { field: 'Idempotency-Key', reason: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  return requestFingerprint(request);
}

function reused(): ProblemException {
  return ProblemException.conflict('idempotency-key-reused', 'This Idempotency-Key was used for a different request; use a new key for a new request.');
}
