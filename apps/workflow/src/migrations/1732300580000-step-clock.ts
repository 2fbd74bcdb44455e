import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The step clock: each step's share of the time limit gets a due time, so a unit that uses up
 * more than its share shows before the whole case is late.
 *
 * - `step_due_at`: when the current step's share runs out (entry time + its working minutes on
 *   the working calendar, moved out by supplement waits at the step); null when the case is at
 *   no step (result ready, closed) or while it is still to be computed. Each step in `steps` also
 *   keeps its own `dueAt`.
 * - `step_overdue`: the lateness sweep's mark (and every action's) that the current step is past
 *   it; the worklist's `stepOverdue=true` filter reads it.
 * - `step_clock_pending`: cases whose current step's due time is still to be computed. The
 *   calendar lives in catalog, so SQL cannot count working time: the open cases at a step when
 *   this runs are listed here, and the lateness sweep, which has the calendar, computes their due
 *   times in batches and removes them (a case opened while catalog could not be reached is listed
 *   the same way). Nothing reads `cases` to find them, so once drained it costs one empty read a
 *   sweep.
 *
 * Indexes, so neither the sweep nor the filtered worklist scans the open cases (the benchmark
 * keeps 1,000,000): `cases_step_due_unmarked` holds only cases at a step whose step is not yet
 * marked overdue, in step due order, as cases_due_unmarked does for the case's due date;
 * `cases_worklist_step_overdue` is cases_worklist_order (migration 1732300560000, same columns,
 * same LATENESS_RANK expression as worklist.service.ts) restricted to cases marked step-overdue,
 * so a filtered worklist page is one ordered index range per (agency, step kind, state) too.
 * Both are partial and start empty (the new columns are null and false); adding a column with a
 * constant default rewrites no row.
 */
export class StepClock1732300580000 implements MigrationInterface {
  name = 'StepClock1732300580000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN step_due_at timestamptz, ADD COLUMN step_overdue boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE TABLE step_clock_pending (dossier_code text PRIMARY KEY REFERENCES cases (dossier_code))`);
    await queryRunner.query(`INSERT INTO step_clock_pending (dossier_code) SELECT dossier_code FROM cases WHERE state IN ('in_step', 'awaiting_supplement')`);
    await queryRunner.query(`
      CREATE INDEX cases_step_due_unmarked ON cases (step_due_at)
        WHERE state = 'in_step' AND NOT step_overdue AND step_due_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX cases_worklist_step_overdue ON cases (
        current_agency_code, current_step_kind, state,
        (CASE lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END), due_at, dossier_code)
        WHERE state IN ('in_step', 'awaiting_supplement', 'result_ready') AND step_overdue`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_worklist_step_overdue`);
    await queryRunner.query(`DROP INDEX cases_step_due_unmarked`);
    await queryRunner.query(`DROP TABLE step_clock_pending`);
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN step_overdue, DROP COLUMN step_due_at`);
  }
}
