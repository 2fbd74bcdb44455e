import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTableSql } from '../database/append-only.js';

/**
 * The audit log of every backend service, in its own schema: who changed what, to which
 * dossier, when and from where, whichever way the request came (through the gateway or
 * straight to the service). Append-only. The gateway keeps a table of the same shape for the
 * changes it answers itself; its `GET /api/v1/audit` reads them all.
 */
export class CreateAuditLog1764100000000 implements MigrationInterface {
  name = 'CreateAuditLog1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text,
        method text NOT NULL,
        path text NOT NULL,
        action text,
        dossier_code text,
        status integer NOT NULL,
        client_ip text,
        request_id text
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_at ON audit_log (at, id)`);
    await queryRunner.query(`CREATE INDEX audit_log_dossier ON audit_log (dossier_code, at, id) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_log_actor ON audit_log (actor, at, id)`);
    for (const sql of appendOnlyTableSql('audit_log', { trigger: 'audit_log_append_only', fn: 'refuse_audit_change', message: 'the audit log is append-only' })) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP FUNCTION refuse_audit_change()');
  }
}
