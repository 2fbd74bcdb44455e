import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { type CaseState, stepDueAfterWait, stepDueAt, stepOverdue, type WorkingCalendar } from '@onestop/domain';
import { Clock, PeriodicTask, WorkingCalendarClient } from '@onestop/platform';
import type { CaseStep } from '../cases/case.entity.js';
import { WorkflowConfig } from '../config.js';

const SWEEP_LOCK_KEY = 'onestop:workflow-lateness-sweep';
export const SWEEP_BATCH = 10_000;

export interface SweepOutcome {
  overdue: number;
  atRisk: number;
  /** Cases whose current step was newly marked past its share of the time (step_overdue). */
  stepOverdue: number;
  skipped: boolean;
}

/** Cases whose current step's due time is computed per batch of the step-clock backfill. */
export const STEP_CLOCK_BATCH = 500;

/**
 * One batch of the step marks: up to $2 cases at a step whose step is past its due time at $1
 * and not yet marked, through the partial index cases_step_due_unmarked (migration 1732300580000).
 */
export const STEP_SWEEP_BATCH_STATEMENT = `WITH batch AS (
       SELECT dossier_code FROM cases
        WHERE state = 'in_step' AND NOT step_overdue AND step_due_at IS NOT NULL AND step_due_at < $1
        ORDER BY step_due_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE cases c SET step_overdue = true, updated_at = now()
         FROM batch WHERE c.dossier_code = batch.dossier_code
       RETURNING 1)
     SELECT count(*)::int AS marked FROM marked`;

interface PendingStepClock {
  dossier_code: string;
  state: CaseState;
  step_index: number;
  steps: CaseStep[];
  paused_at: Date | null;
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
 *
 * The step clock the same way: cases whose current step is past its own due time (its share of
 * the time limit) are marked step_overdue, through the partial index of the steps not yet
 * marked; and first, the cases listed in step_clock_pending (open before step due times were
 * kept, or opened while the calendar could not be read) get their step's due time, which needs
 * the calendar and so cannot be computed in SQL.
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
      if (!locked) return { overdue: 0, atRisk: 0, stepOverdue: 0, skipped: true };
      try {
        await this.computePendingStepClocks(runner, now, calendar);
        const total = { overdue: 0, atRisk: 0, stepOverdue: 0, skipped: false };
        // Batches, each its own short transaction: officers acting on a case never wait long on the sweep.
        for (;;) {
          const [counts] = (await runner.query(LATENESS_SWEEP_BATCH_STATEMENT, [now, atRiskBefore, SWEEP_BATCH])) as Array<{ marked: number; overdue: number; at_risk: number }>;
          total.overdue += counts.overdue;
          total.atRisk += counts.at_risk;
          if (counts.marked < SWEEP_BATCH) break;
        }
        for (;;) {
          const [{ marked }] = (await runner.query(STEP_SWEEP_BATCH_STATEMENT, [now, SWEEP_BATCH])) as Array<{ marked: number }>;
          total.stepOverdue += marked;
          if (marked < SWEEP_BATCH) break;
        }
        if (total.overdue + total.atRisk + total.stepOverdue > 0) {
          this.logger.log(`marked ${total.overdue} overdue and ${total.atRisk} at risk, and ${total.stepOverdue} past their step's share`);
        }
        return total;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * The step due times still to compute (step_clock_pending), in batches, each its own short
   * transaction holding the cases it writes (skipping those an officer holds: the next sweep
   * takes them): entry of the current step + its share, moved out by the supplement waits at the
   * step so far, as the case's own clock does it. Cases no longer at a step just leave the list.
   */
  private async computePendingStepClocks(runner: QueryRunner, now: Date, calendar: WorkingCalendar): Promise<void> {
    for (;;) {
      await runner.startTransaction();
      try {
        const rows = (await runner.query(
          `SELECT p.dossier_code, c.state, c.step_index, c.steps, c.paused_at
             FROM step_clock_pending p JOIN cases c ON c.dossier_code = p.dossier_code
            ORDER BY p.dossier_code
            LIMIT $1
              FOR UPDATE OF p, c SKIP LOCKED`,
          [STEP_CLOCK_BATCH],
        )) as PendingStepClock[];
        const computed = rows.flatMap((row) => {
          const step = row.steps[row.step_index];
          if ((row.state !== 'in_step' && row.state !== 'awaiting_supplement') || !step?.startedAt) return [];
          const due = stepDueAfterWait(stepDueAt(new Date(step.startedAt), step.workingMinutes, calendar), step.pausedMinutes ?? 0, calendar);
          return [{ code: row.dossier_code, due: due.toISOString(), overdue: stepOverdue(due, row.paused_at, now) }];
        });
        if (computed.length > 0) {
          await runner.query(
            `UPDATE cases c
                SET step_due_at = v.due, step_overdue = v.overdue, updated_at = now(),
                    steps = jsonb_set(c.steps, ARRAY[c.step_index::text, 'dueAt'], to_jsonb(v.due_text))
               FROM unnest($1::text[], $2::timestamptz[], $3::boolean[], $4::text[]) AS v (code, due, overdue, due_text)
              WHERE c.dossier_code = v.code`,
            [computed.map((r) => r.code), computed.map((r) => r.due), computed.map((r) => r.overdue), computed.map((r) => r.due)],
          );
        }
        if (rows.length > 0) await runner.query(`DELETE FROM step_clock_pending WHERE dossier_code = ANY($1)`, [rows.map((r) => r.dossier_code)]);
        await runner.commitTransaction();
        if (computed.length > 0) this.logger.log(`computed the step due time of ${computed.length} cases`);
        if (rows.length < STEP_CLOCK_BATCH) return;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    }
  }
}
