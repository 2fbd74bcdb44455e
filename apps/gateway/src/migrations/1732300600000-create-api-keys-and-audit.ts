import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeysAndAudit1732300600000 implements MigrationInterface {
  name = 'CreateApiKeysAndAudit1732300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Machines' keys: only a hash is kept; the key itself is shown once, at creation.
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        scopes text[] NOT NULL,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    // Who did what, to which dossier, when and from where: every change that passes the door.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text,
        method text NOT NULL,
        path text NOT NULL,
        dossier_code text,
        status integer NOT NULL,
        client_ip text,
        request_id text
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_dossier ON audit_log (dossier_code, id) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP FUNCTION refuse_audit_change()');
    await queryRunner.query('DROP TABLE api_keys');
  }
}
