import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wrong lookup codes per dossier or complaint (`dossier:<code>`, `complaint:<id>`) in the
 * current window, shared by every replica: see lookup/lookup-attempts.ts. Ended windows are
 * swept; the table holds only subjects guessed at lately.
 */
export class LookupAttempts1732301500000 implements MigrationInterface {
  name = 'LookupAttempts1732301500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE lookup_attempts (
        subject text PRIMARY KEY,
        window_ends_at timestamptz NOT NULL,
        failures integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX lookup_attempts_window ON lookup_attempts (window_ends_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE lookup_attempts');
  }
}
