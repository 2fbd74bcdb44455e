import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { stepDueAfterWait, stepDueAt, stepOverdue, type WorkingCalendar } from '@onestop/domain';
import type { Counter } from 'prom-client';
import { Clock, Metrics, PeriodicTask, WorkingCalendarClient, writeEvents } from '@onestop/platform';
import { CasesRepository, type MarkedCase } from '../cases/cases.repository.js';
import { WorkflowConfig } from '../config.js';
import { StepClockPendingRepository } from './step-clock-pending.repository.js';
import { sweepLock } from './sweep-lock.js';

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
  private readonly marked: Counter<'mark'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarClient,
    private readonly clock: Clock,
    private readonly config: WorkflowConfig,
    private readonly cases: CasesRepository,
    private readonly pendingStepClocks: StepClockPendingRepository,
    metrics: Metrics,
  ) {
    this.marked = metrics.counter({
      name: 'cases_marked_total',
      help: 'Open cases the lateness sweep marked: overdue (past the legal due date, quá hạn), at_risk (due within AT_RISK_WORKING_MINUTES), step_overdue (past their current step\'s share of the time).',
      labelNames: ['mark'],
    });
    for (const mark of ['overdue', 'at_risk', 'step_overdue']) this.marked.inc({ mark }, 0);
  }

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
      if (!(await sweepLock.tryTake(runner))) return { overdue: 0, atRisk: 0, stepOverdue: 0, skipped: true };
      try {
        await this.computePendingStepClocks(runner, now, calendar);
        const total = { overdue: 0, atRisk: 0, stepOverdue: 0, skipped: false };
        // Batches, each its own short transaction: officers acting on a case never wait long on the sweep.
        for (;;) {
          const marked = await this.markBatch(runner, (manager) => this.cases.markLateness(now, atRiskBefore, SWEEP_BATCH, manager), now);
          const overdue = marked.filter((c) => c.mark === 'overdue').length;
          total.overdue += overdue;
          total.atRisk += marked.length - overdue;
          // Each batch is its own committed transaction: counted as it is marked.
          this.marked.inc({ mark: 'overdue' }, overdue);
          this.marked.inc({ mark: 'at_risk' }, marked.length - overdue);
          if (marked.length < SWEEP_BATCH) break;
        }
        for (;;) {
          const marked = await this.markBatch(runner, (manager) => this.cases.markStepsOverdue(now, SWEEP_BATCH, manager), now);
          total.stepOverdue += marked.length;
          this.marked.inc({ mark: 'step_overdue' }, marked.length);
          if (marked.length < SWEEP_BATCH) break;
        }
        if (total.overdue + total.atRisk + total.stepOverdue > 0) {
          this.logger.log(`marked ${total.overdue} overdue and ${total.atRisk} at risk, and ${total.stepOverdue} past their step's share`);
        }
        return total;
      } finally {
        await sweepLock.release(runner);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One batch of marks and, in the same transaction, a CaseLatenessMarked for each case marked:
   * the officers holding it are told (notification) exactly once per mark, and a mark is never
   * made without its event nor announced without being made.
   */
  private async markBatch(runner: QueryRunner, mark: (manager: EntityManager) => Promise<MarkedCase[]>, now: Date): Promise<MarkedCase[]> {
    await runner.startTransaction();
    try {
      const marked = await mark(runner.manager);
      await writeEvents(
        runner.manager,
        'CaseLatenessMarked',
        marked.map((c) => ({ dossierCode: c.dossierCode, mark: c.mark, agencyCode: c.agencyCode, stepKind: c.stepKind, dueAt: c.dueAt.toISOString(), markedAt: now.toISOString() })),
      );
      await runner.commitTransaction();
      return marked;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
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
        const rows = await this.pendingStepClocks.lockBatch(STEP_CLOCK_BATCH, runner.manager);
        const computed = rows.flatMap((row) => {
          const step = row.steps[row.step_index];
          if ((row.state !== 'in_step' && row.state !== 'awaiting_supplement' && row.state !== 'awaiting_payment') || !step?.startedAt) return [];
          const due = stepDueAfterWait(stepDueAt(new Date(step.startedAt), step.workingMinutes, calendar), step.pausedMinutes ?? 0, calendar);
          return [{ code: row.dossier_code, due: due.toISOString(), overdue: stepOverdue(due, row.paused_at, now) }];
        });
        await this.cases.setStepDueTimes(computed, runner.manager);
        await this.pendingStepClocks.remove(rows.map((r) => r.dossier_code), runner.manager);
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
