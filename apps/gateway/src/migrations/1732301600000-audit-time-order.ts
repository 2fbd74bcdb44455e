import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql } from '@onestop/platform';

/**
 * The audit log is read newest first by time, merged with every service's own (which keep the
 * changes they answer, whichever way they came), so the gateway's is indexed by time too. And,
 * as the services' logs are, it refuses TRUNCATE, which row triggers do not see.
 */
export class AuditTimeOrder1732301600000 implements MigrationInterface {
  name = 'AuditTimeOrder1732301600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX audit_log_at ON audit_log (at, id)`);
    await queryRunner.query(`DROP INDEX audit_log_dossier`);
    await queryRunner.query(`CREATE INDEX audit_log_dossier ON audit_log (dossier_code, at, id) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`DROP INDEX audit_log_actor`);
    await queryRunner.query(`CREATE INDEX audit_log_actor ON audit_log (actor, at, id)`);
    await queryRunner.query(appendOnlyTriggerSql('audit_log_append_only_statements', 'audit_log', 'refuse_audit_change'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_append_only_statements ON audit_log`);
    await queryRunner.query(`DROP INDEX audit_log_actor`);
    await queryRunner.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);
    await queryRunner.query(`DROP INDEX audit_log_dossier`);
    await queryRunner.query(`CREATE INDEX audit_log_dossier ON audit_log (dossier_code, id) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`DROP INDEX audit_log_at`);
  }
}
