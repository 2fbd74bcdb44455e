import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type BackendService, EVENT_SUBSCRIPTIONS, formatLocal } from '@onestop/domain';
import { type Caller, type EventFeedPage, InboxService, ProblemException, runWithRequestId } from '@onestop/platform';
import { EventFeedsClient } from '../clients/event-feeds.client.js';
import { ReportingConfig } from '../config.js';
import { RebuildRunsRepository, type RunRow } from './rebuild-runs.repository.js';
import type { RebuildRunView } from './rebuild.dto.js';

/** The services whose events reporting keeps, in the order a rebuild replays them. */
export const REBUILD_SOURCES: readonly BackendService[] = ['catalog', 'intake', 'workflow', 'postal'];

const PAGE_SIZE = 500;
/** A running run whose heartbeat is older than this died with its process. */
const STALE_AFTER_SECONDS = 120;

/**
 * Rebuilds reporting's tables from the events: empties them, then reads every owning service's
 * events since the beginning (its `GET /internal/events` feed, in `seq` order; outbox rows are
 * kept forever, so the whole history is there) and applies each through the inbox, with the
 * same handlers and the same once-only record as a live delivery, one at a time, catalog, then
 * intake, workflow and postal. The handlers depend only on which events arrived, not on their
 * order, so the tables come out the same as those built live; events delivered live while it
 * runs are applied once (the inbox sees the second copy as a duplicate).
 */
@Injectable()
export class RebuildService implements OnApplicationShutdown {
  private readonly logger = new Logger('Rebuild');
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly runs: RebuildRunsRepository,
    private readonly inbox: InboxService,
    private readonly feeds: EventFeedsClient,
    private readonly config: ReportingConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  /** Starts a rebuild in the background; a second one while one runs is a 409. */
  async start(caller: Caller): Promise<RebuildRunView> {
    await this.runs.failStale(STALE_AFTER_SECONDS);
    const id = randomUUID();
    try {
      await this.runs.start(id, caller.subject);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw ProblemException.conflict('rebuild-running', 'A rebuild is running already; follow it at GET /api/v1/reports/rebuild.');
      }
      throw error;
    }
    this.running = runWithRequestId(`rebuild-${id}`, () => this.run(id)).finally(() => (this.running = undefined));
    return (await this.view(id))!;
  }

  /** The latest run (or the one named). */
  async view(id?: string): Promise<RebuildRunView | undefined> {
    const row = await this.runs.find(id);
    return row ? toView(row) : undefined;
  }

  /** Resolves when the current run (if any) in this process has finished. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private sources(): BackendService[] {
    return REBUILD_SOURCES.filter((s) => s === 'postal' ? Boolean(this.config.POSTAL_URL) : true);
  }

  private types(): string[] {
    const handled = new Set(this.inbox.handledTypes());
    return EVENT_SUBSCRIPTIONS.reporting.filter((t) => handled.has(t));
  }

  private async page(source: BackendService, after: number, limit: number): Promise<EventFeedPage> {
    return this.feeds.page(source, after, limit, this.types());
  }

  private async run(id: string): Promise<void> {
    const counts: Record<string, number> = {};
    try {
      // Every source must answer before anything is emptied.
      for (const source of this.sources()) await this.page(source, 0, 1);
      await this.runs.emptyEventFedTables();
      this.logger.log(`rebuild ${id}: tables emptied, replaying ${this.sources().join(', ')}`);
      for (const source of this.sources()) {
        counts[source] = 0;
        let after = 0;
        for (;;) {
          if (this.stopping) throw new Error('interrupted: the service is stopping');
          const page = await this.page(source, after, PAGE_SIZE);
          for (const event of page.items) {
            const { seq: _seq, ...envelope } = event;
            await this.inbox.receive(envelope);
            counts[source]++;
          }
          after = page.nextAfter;
          await this.runs.heartbeat(id, counts);
          if (!page.more) break;
        }
      }
      await this.runs.succeed(id, counts);
      this.logger.log(`rebuild ${id} succeeded: ${JSON.stringify(counts)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`rebuild ${id} failed: ${message}`);
      await this.runs.fail(id, counts, message.slice(0, 1000)).catch(() => undefined);
    }
  }
}

function toView(row: RunRow): RebuildRunView {
  return {
    id: row.id,
    status: row.status,
    requestedBy: row.requested_by,
    startedAt: formatLocal(new Date(row.started_at)),
    finishedAt: row.finished_at ? formatLocal(new Date(row.finished_at)) : null,
    events: row.events,
    error: row.error,
  };
}
