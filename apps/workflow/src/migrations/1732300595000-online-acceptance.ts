import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dossier submitted online (or pushed by the national portal) is newly registered (national
 * status 1) until the one-stop desk accepts it; its time limit is counted from the acceptance.
 * Cases opened before were accepted on receipt.
 */
export class OnlineAcceptance1732300595000 implements MigrationInterface {
  name = 'OnlineAcceptance1732300595000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN awaiting_acceptance boolean NOT NULL DEFAULT false, ADD COLUMN accepted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN awaiting_acceptance, DROP COLUMN accepted_at`);
  }
}
