import { Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { BACKEND_SERVICES, EVENT_SUBSCRIPTIONS } from '@onestop/domain';
import { SERVICE_NAME } from '../service-name.js';
import { TaskStats } from '../scheduling/task-stats.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { Metrics, takeCountsOnCommit } from './metrics.js';

/** Longest a scrape waits for the outbox figures; past that it shows the last ones read. */
const BACKLOG_QUERY_TIMEOUT_MS = 1000;
/** Several gauges read one query; scrapes closer together than this share it. */
const BACKLOG_CACHE_MS = 1000;

interface BacklogRow {
  subscriber: string;
  backlog: number;
  failing: number;
  oldest_age_seconds: number;
}

/** pg's pool, as TypeORM's postgres driver holds it. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/**
 * The platform's own metrics of every service, with no code in the apps: the database pool,
 * the outbox's backlog per subscriber, every periodic task's rounds, and the business counts
 * transactions add on commit (`Metrics.countOnCommit`). Request, inbox and relay counts are
 * kept where they happen (observe-requests.ts, InboxService, OutboxRelay).
 */
@Injectable()
export class PlatformMetrics implements OnApplicationBootstrap, EntitySubscriberInterface {
  private readonly logger = new Logger('Metrics');
  private backlog?: { at: number; rows: Promise<BacklogRow[]> };
  private lastBacklog: BacklogRow[] = [];

  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Optional() private readonly relay?: OutboxRelay,
  ) {
    // The data source is built before any provider that injects it, so it cannot be given this one in its options.
    dataSource.subscribers.push(this);
    this.registerPool();
  }

  /** Tasks are looked for once every provider exists; outbox figures only where there is an outbox. */
  onApplicationBootstrap(): void {
    this.registerTasks();
    if (this.relay) this.registerOutbox();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release is announced as a commit too: only the outermost one counts.
    if (event.queryRunner.isTransactionActive) return;
    for (const count of takeCountsOnCommit(event.queryRunner.data as Record<string, unknown>)) count();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeCountsOnCommit(event.queryRunner.data as Record<string, unknown>);
  }

  private pool(): PoolCounts | undefined {
    return (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
  }

  private registerPool(): void {
    this.metrics.gauge({
      name: 'db_pool_connections',
      help: 'Connections of the service\'s PostgreSQL pool: in use by a query or transaction, or idle.',
      labelNames: ['state'],
      collect: (gauge) => {
        const pool = this.pool();
        if (!pool) return;
        gauge.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        gauge.set({ state: 'idle' }, pool.idleCount);
      },
    });
    this.metrics.gauge({
      name: 'db_pool_waiting',
      help: 'Queries waiting for a connection of the pool (all in use): the pool is the bottleneck while above 0.',
      collect: (gauge) => gauge.set(this.pool()?.waitingCount ?? 0),
    });
    this.metrics.gauge({
      name: 'db_pool_max',
      help: 'Most connections the pool opens.',
      collect: (gauge) => gauge.set(this.pool()?.options?.max ?? 0),
    });
  }

  /** Every service that subscribes to something: each shows a backlog of 0 rather than no series when nothing waits. */
  private subscribers(): string[] {
    return BACKEND_SERVICES.filter((s) => s !== this.service && (EVENT_SUBSCRIPTIONS[s]?.length ?? 0) > 0);
  }

  private registerOutbox(): void {
    const perSubscriber = (pick: (row: BacklogRow) => number) => async (gauge: { set(labels: { subscriber: string }, value: number): void }) => {
      const rows = await this.backlogRows();
      const bySubscriber = new Map(rows.map((row) => [row.subscriber, row]));
      for (const subscriber of new Set([...this.subscribers(), ...bySubscriber.keys()])) {
        const row = bySubscriber.get(subscriber);
        gauge.set({ subscriber }, row ? pick(row) : 0);
      }
    };
    this.metrics.gauge({
      name: 'outbox_backlog',
      help: 'Event deliveries not yet acknowledged by the subscriber.',
      labelNames: ['subscriber'],
      collect: perSubscriber((row) => row.backlog),
    });
    this.metrics.gauge({
      name: 'outbox_oldest_undelivered_age_seconds',
      help: 'Age of the oldest event the subscriber has not acknowledged, in seconds (0 when none waits).',
      labelNames: ['subscriber'],
      collect: perSubscriber((row) => row.oldest_age_seconds),
    });
    this.metrics.gauge({
      name: 'outbox_failing_deliveries',
      help: 'Undelivered events whose last attempt failed (the subscriber refused or could not be reached).',
      labelNames: ['subscriber'],
      collect: perSubscriber((row) => row.failing),
    });
  }

  /**
   * One query for the three outbox gauges, on the partial index of undelivered rows (as cheap as
   * the backlog is small), under a statement timeout: a slow database shows the last figures
   * rather than holding the scrape.
   */
  private async backlogRows(): Promise<BacklogRow[]> {
    const now = Date.now();
    if (!this.backlog || now - this.backlog.at > BACKLOG_CACHE_MS) {
      const query = this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = ${BACKLOG_QUERY_TIMEOUT_MS}`);
        return (await manager.query(
          `WITH pending AS (
             SELECT subscriber, count(*)::int AS backlog, (count(*) FILTER (WHERE last_error IS NOT NULL))::int AS failing, min(event_seq) AS oldest
               FROM outbox_deliveries WHERE delivered_at IS NULL GROUP BY subscriber)
           SELECT p.subscriber, p.backlog, p.failing, GREATEST(extract(epoch FROM now() - e.occurred_at), 0)::float8 AS oldest_age_seconds
             FROM pending p JOIN outbox_events e ON e.seq = p.oldest`,
        )) as BacklogRow[];
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), BACKLOG_QUERY_TIMEOUT_MS * 2);
      });
      this.backlog = {
        at: now,
        rows: Promise.race([query, timeout])
          .then((rows) => (this.lastBacklog = rows))
          .catch((error: unknown) => {
            this.logger.warn(`outbox figures not read: ${error instanceof Error ? error.message : String(error)}`);
            return this.lastBacklog;
          })
          .finally(() => clearTimeout(timer)),
      };
    }
    return this.backlog.rows;
  }

  /** Every PeriodicTask and DrainLoop a provider holds (sweeps, polls, the relay), found by their TaskStats. */
  private registerTasks(): void {
    const tasks: TaskStats[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const value of Object.values(instance)) {
        const stats = (value as { stats?: unknown } | null)?.stats;
        if (stats instanceof TaskStats && !tasks.includes(stats)) tasks.push(stats);
      }
    }
    const duration = this.metrics.histogram({ name: 'task_duration_seconds', help: 'Duration of the rounds of each periodic task, in seconds.', labelNames: ['task'] });
    const failures = this.metrics.counter({ name: 'task_failures_total', help: 'Rounds of each periodic task that failed (each also logged as an error).', labelNames: ['task'] });
    for (const stats of tasks) {
      failures.inc({ task: stats.task }, 0);
      stats.onRound = (seconds, failed) => {
        duration.observe({ task: stats.task }, seconds);
        if (failed) failures.inc({ task: stats.task });
      };
    }
    this.metrics.gauge({
      name: 'task_last_run_timestamp_seconds',
      help: 'When the last round of each periodic task started (Unix time); a task that stopped running shows its age.',
      labelNames: ['task'],
      collect: (gauge) => {
        for (const stats of tasks) if (stats.lastStartedAt !== undefined) gauge.set({ task: stats.task }, stats.lastStartedAt / 1000);
      },
    });
    this.metrics.gauge({
      name: 'task_last_duration_seconds',
      help: 'How long the last round of each periodic task took, in seconds.',
      labelNames: ['task'],
      collect: (gauge) => {
        for (const stats of tasks) if (stats.lastStartedAt !== undefined) gauge.set({ task: stats.task }, stats.lastDurationSeconds);
      },
    });
  }
}
