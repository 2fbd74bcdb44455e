import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What was done, when the path does not say: the action of a case action, as workflow names it. */
export class AuditAction1732301200000 implements MigrationInterface {
  name = 'AuditAction1732301200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN action text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN action`);
  }
}
