import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '@onestop/platform';
import { ProceduresRepository } from './procedures.repository.js';
import { ProceduresService } from './procedures.service.js';

/** How often rows whose next version has come into force are looked for. */
export const PROMOTION_INTERVAL_MS = 60_000;
export const PROMOTION_BATCH = 500;

/**
 * Puts versions into the searchable rows on their effective date, with nobody acting: a
 * procedure amended or abolished from a later date keeps showing the version in force until that
 * day, then this round rewrites its row. It runs at start and every minute; the rows due are
 * found through a small partial index on `pending_from`, claimed in batches with
 * `FOR UPDATE SKIP LOCKED` (several replicas share the work, and a decision being recorded on a
 * procedure is never waited for: that transaction rewrites the row itself). No event: each
 * version's event left when its decision was recorded, with the effective date subscribers use.
 */
@Injectable()
export class ProcedurePromotionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProcedurePromotion');
  private readonly task = new PeriodicTask('procedure-promotion', this.logger, () => this.promoteDue());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly rows: ProceduresRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(PROMOTION_INTERVAL_MS, { runNow: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Rewrites every row whose next version is in force today; returns how many. */
  async promoteDue(): Promise<number> {
    const today = this.procedures.today();
    let promoted = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const due = await this.rows.claimDue(today, PROMOTION_BATCH, manager);
        await this.procedures.refreshRows(manager, due, today);
        return due.length;
      });
      promoted += claimed;
      if (claimed < PROMOTION_BATCH) break;
    }
    if (promoted > 0) this.logger.log(`${promoted} procedures now show the version in force on ${today}`);
    return promoted;
  }
}
