import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complainant reads the answer: each complaint filed from now on keeps the SHA-256 of the
 * lookup code answered once at filing (the code itself is not kept), and the citizen who filed
 * it while signed in. Complaints filed before have neither and stay readable by officers only.
 */
export class ComplaintLookup1732300800000 implements MigrationInterface {
  name = 'ComplaintLookup1732300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaints ADD COLUMN lookup_secret_sha256 text, ADD COLUMN owner_subject text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaints DROP COLUMN owner_subject, DROP COLUMN lookup_secret_sha256`);
  }
}
