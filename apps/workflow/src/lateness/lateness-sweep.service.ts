import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, runWithRequestId } from '@onestop/platform';
import { CalendarClient } from '../catalog/calendar.client.js';
import { WorkflowConfig } from '../config.js';

const SWEEP_LOCK_KEY = 'onestop:workflow-lateness-sweep';

export interface SweepOutcome {
  overdue: number;
  atRisk: number;
  skipped: boolean;
}

/**
 * Marks cases past their due date as overdue and those due within AT_RISK_WORKING_MINUTES as at
 * risk. One replica sweeps at a time (a transaction-scoped advisory lock; the others skip that
 * round), and only rows whose mark changes are written, through the partial index on due_at.
 */
@Injectable()
export class LatenessSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LatenessSweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarClient,
    private readonly clock: Clock,
    private readonly config: WorkflowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = runWithRequestId('lateness-sweep', () => this.sweep())
        .catch((error: unknown) => this.logger.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.LATENESS_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<SweepOutcome> {
    const now = this.clock.now();
    const calendar = await this.calendars.calendar();
    const atRiskBefore = calendar.addWorkingMinutes(now, this.config.AT_RISK_WORKING_MINUTES);
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [SWEEP_LOCK_KEY])) as Array<{ locked: boolean }>;
      if (!locked) return { overdue: 0, atRisk: 0, skipped: true };
      const [counts] = (await manager.query(
        `WITH marked AS (
           UPDATE cases SET lateness = CASE WHEN due_at < $1 THEN 'overdue' ELSE 'at_risk' END, updated_at = now()
            WHERE state = 'in_step' AND due_at < $2
              AND lateness <> CASE WHEN due_at < $1 THEN 'overdue' ELSE 'at_risk' END
           RETURNING lateness)
         SELECT count(*) FILTER (WHERE lateness = 'overdue')::int AS overdue, count(*) FILTER (WHERE lateness = 'at_risk')::int AS at_risk FROM marked`,
        [now, atRiskBefore],
      )) as Array<{ overdue: number; at_risk: number }>;
      if (counts.overdue + counts.at_risk > 0) this.logger.log(`marked ${counts.overdue} overdue and ${counts.at_risk} at risk`);
      return { overdue: counts.overdue, atRisk: counts.at_risk, skipped: false };
    });
  }
}
