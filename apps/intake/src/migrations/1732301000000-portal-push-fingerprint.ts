import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fingerprint of the national portal's push a dossier came from. A second push of the same
 * portal dossier (its externalId) answers the dossier received only when it is the same push;
 * another content under that code is a conflict to report, not a success to pretend. Dossiers
 * pushed before keep none, and are compared on their naming fields alone.
 */
export class PortalPushFingerprint1732301000000 implements MigrationInterface {
  name = 'PortalPushFingerprint1732301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN source_request_hash text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers DROP COLUMN source_request_hash`);
  }
}
