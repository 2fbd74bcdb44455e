import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worklist in the order it is read: a unit's cases at one kind of step in one state, overdue
 * first, then at risk, then on time, each by due date. The old index (agency, step kind, due
 * date) could not give the lateness order, so PostgreSQL fetched every case of the unit and
 * sorted them: ~100 ms per page with 50,000 cases at a department's appraisal step among
 * 1,000,000 open cases (5 requests/s in the workflow benchmark). With this index each
 * (agency, step kind, state) is one range already in worklist order, and WorklistService reads
 * only the rows of the page, first page or later: ~0.1 ms. It supersedes cases_worklist, which
 * nothing else reads (100 MB instead of 81 MB on those 1,000,000 cases).
 *
 * The fourth column must stay the exact expression LATENESS_RANK in worklist.service.ts, or the
 * planner no longer matches it. Plain CREATE INDEX, not CONCURRENTLY (which TypeORM would allow
 * with `transaction = false`): the runner holds the server-wide migration advisory lock while a
 * migration runs, other services starting on the same database wait for that lock inside a
 * running statement, and CONCURRENTLY waits for every older snapshot in the database, so both
 * would wait on each other for ever. The build blocks writes to cases (not reads) while it runs:
 * about 5 s on 1,000,000 open cases on a 2-core machine.
 */
export class WorklistOrderIndex1732300560000 implements MigrationInterface {
  name = 'WorklistOrderIndex1732300560000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX cases_worklist_order ON cases (
        current_agency_code, current_step_kind, state,
        (CASE lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END), due_at, dossier_code)
        WHERE state IN ('in_step', 'awaiting_supplement', 'result_ready')`);
    await queryRunner.query(`DROP INDEX cases_worklist`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX cases_worklist ON cases (current_agency_code, current_step_kind, due_at, dossier_code)
        WHERE state IN ('in_step', 'awaiting_supplement', 'result_ready')`);
    await queryRunner.query(`DROP INDEX cases_worklist_order`);
  }
}
