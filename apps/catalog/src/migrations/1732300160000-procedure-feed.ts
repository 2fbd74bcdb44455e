import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The procedures feed for the national portal: versions in the order their transactions ran. */
export class ProcedureFeed1732300160000 implements MigrationInterface {
  name = 'ProcedureFeed1732300160000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE procedure_versions ADD COLUMN feed_id bigserial`);
    await queryRunner.query(`ALTER TABLE procedure_versions ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`CREATE INDEX procedure_versions_feed ON procedure_versions (txid, feed_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX procedure_versions_feed`);
    await queryRunner.query(`ALTER TABLE procedure_versions DROP COLUMN txid, DROP COLUMN feed_id`);
  }
}
