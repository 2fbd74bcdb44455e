import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN_BEFORE = `('in_step', 'awaiting_supplement', 'result_ready')`;
const OPEN_AFTER = `('in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready')`;
const ORDER = `current_agency_code, current_step_kind, state, (CASE lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END), due_at, dossier_code`;

/**
 * A case waits for a fee assessed during processing (`awaiting_payment`, national status 6) with
 * its clock stopped, as it waits for a supplement: the state is allowed, and the worklist's
 * indexes cover it (an officer lists the cases waiting for payment with `state=awaiting_payment`).
 */
export class PaymentWait1733200200000 implements MigrationInterface {
  name = 'PaymentWait1733200200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP CONSTRAINT cases_state_check`);
    await queryRunner.query(
      `ALTER TABLE cases ADD CONSTRAINT cases_state_check CHECK (state IN ('in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready', 'returned', 'refused', 'stopped', 'withdrawn'))`,
    );
    await this.indexes(queryRunner, OPEN_AFTER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A case waiting for payment goes back to its step, its clock as it stood.
    await queryRunner.query(`UPDATE cases SET state = 'in_step' WHERE state = 'awaiting_payment'`);
    await this.indexes(queryRunner, OPEN_BEFORE);
    await queryRunner.query(`ALTER TABLE cases DROP CONSTRAINT cases_state_check`);
    await queryRunner.query(`ALTER TABLE cases ADD CONSTRAINT cases_state_check CHECK (state IN ('in_step', 'awaiting_supplement', 'result_ready', 'returned', 'refused', 'stopped', 'withdrawn'))`);
  }

  private async indexes(queryRunner: QueryRunner, open: string): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_worklist_order`);
    await queryRunner.query(`CREATE INDEX cases_worklist_order ON cases (${ORDER}) WHERE state IN ${open}`);
    await queryRunner.query(`DROP INDEX cases_worklist_step_overdue`);
    await queryRunner.query(`CREATE INDEX cases_worklist_step_overdue ON cases (${ORDER}) WHERE state IN ${open} AND step_overdue`);
  }
}
