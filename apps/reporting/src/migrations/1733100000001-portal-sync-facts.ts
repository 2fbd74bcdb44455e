import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national portal connector's DossierSynchronised as facts: one row per dossier the portal
 * has taken, however often the event is delivered, for the 766 index's publicity component (the
 * share of dossiers synchronised). Read with the dossier's facts, which give the scope.
 */
export class PortalSyncFacts1733100000001 implements MigrationInterface {
  name = 'PortalSyncFacts1733100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portal_sync_facts (
        dossier_code text PRIMARY KEY,
        agency_code text NOT NULL,
        received_at timestamptz NOT NULL,
        synchronised_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE portal_sync_facts`);
  }
}
