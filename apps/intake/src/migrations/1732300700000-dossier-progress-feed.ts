import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national portal's progress feed: each change carries the statutory end date (the due
 * date, moved out by supplements) and the transaction that wrote it, for a cursor that never
 * skips a change committed late (see libs/platform/src/feeds/change-feed.ts).
 */
export class DossierProgressFeed1732300700000 implements MigrationInterface {
  name = 'DossierProgressFeed1732300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN due_at timestamptz`);
    await queryRunner.query(`UPDATE dossiers SET due_at = appointment_at`);
    await queryRunner.query(`ALTER TABLE dossiers ALTER COLUMN due_at SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE dossier_history ADD COLUMN due_at timestamptz`);
    await queryRunner.query(`UPDATE dossier_history SET due_at = appointment_at`);
    await queryRunner.query(`ALTER TABLE dossier_history ALTER COLUMN due_at SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE dossier_history ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`CREATE INDEX dossier_history_feed ON dossier_history (txid, id)`);
    // Dossiers pushed by the national portal are known by the portal's own code.
    await queryRunner.query(`ALTER TABLE dossiers ADD CONSTRAINT dossiers_external_id_source CHECK (external_id IS NULL OR source = 'national_portal')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers DROP CONSTRAINT dossiers_external_id_source`);
    await queryRunner.query(`DROP INDEX dossier_history_feed`);
    await queryRunner.query(`ALTER TABLE dossier_history DROP COLUMN txid, DROP COLUMN due_at`);
    await queryRunner.query(`ALTER TABLE dossiers DROP COLUMN due_at`);
  }
}
