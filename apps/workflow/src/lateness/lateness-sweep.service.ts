import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, PeriodicTask, WorkingCalendarClient } from '@onestop/platform';
import { WorkflowConfig } from '../config.js';

const SWEEP_LOCK_KEY = 'onestop:workflow-lateness-sweep';
export const SWEEP_BATCH = 10_000;

export interface SweepOutcome {
  overdue: number;
  atRisk: number;
  skipped: boolean;
}

/**
 * One batch of the sweep: up to $3 open cases due before $2 whose mark is not yet what their
 * due date says ($1 is now), in due order, skipping cases an officer holds; exported for the
 * benchmark's EXPLAIN.
 */
export const LATENESS_SWEEP_BATCH_STATEMENT = `WITH batch AS (
       SELECT dossier_code FROM cases
        WHERE state = 'in_step' AND lateness <> 'overdue' AND due_at < $2
          AND lateness <> CASE WHEN due_at < $1 THEN 'overdue' ELSE 'at_risk' END
        ORDER BY due_at
        LIMIT $3
        FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE cases c SET lateness = CASE WHEN c.due_at < $1 THEN 'overdue' ELSE 'at_risk' END, updated_at = now()
         FROM batch WHERE c.dossier_code = batch.dossier_code
       RETURNING c.lateness)
     SELECT count(*)::int AS marked,
            count(*) FILTER (WHERE lateness = 'overdue')::int AS overdue,
            count(*) FILTER (WHERE lateness = 'at_risk')::int AS at_risk
       FROM marked`;

/**
 * Marks cases past their due date as overdue and those due within AT_RISK_WORKING_MINUTES as at
 * risk. One replica sweeps at a time (an advisory lock; the others skip that round), and only
 * rows whose mark changes are read and written, in batches, through the partial index on
 * due_at of the cases not yet overdue.
 */
@Injectable()
export class LatenessSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LatenessSweep');
  private readonly task = new PeriodicTask('lateness-sweep', this.logger, () => this.sweep());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarClient,
    private readonly clock: Clock,
    private readonly config: WorkflowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.LATENESS_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async sweep(): Promise<SweepOutcome> {
    const now = this.clock.now();
    const calendar = await this.calendars.calendar();
    const atRiskBefore = calendar.addWorkingMinutes(now, this.config.AT_RISK_WORKING_MINUTES);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [SWEEP_LOCK_KEY])) as Array<{ locked: boolean }>;
      if (!locked) return { overdue: 0, atRisk: 0, skipped: true };
      try {
        const total = { overdue: 0, atRisk: 0, skipped: false };
        // Batches, each its own short transaction: officers acting on a case never wait long on the sweep.
        for (;;) {
          const [counts] = (await runner.query(LATENESS_SWEEP_BATCH_STATEMENT, [now, atRiskBefore, SWEEP_BATCH])) as Array<{ marked: number; overdue: number; at_risk: number }>;
          total.overdue += counts.overdue;
          total.atRisk += counts.at_risk;
          if (counts.marked < SWEEP_BATCH) break;
        }
        if (total.overdue + total.atRisk > 0) this.logger.log(`marked ${total.overdue} overdue and ${total.atRisk} at risk`);
        return total;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
