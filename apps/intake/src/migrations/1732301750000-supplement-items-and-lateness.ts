import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a supplement request asks for and what the applicant's answers brought, item by item
 * (`supplement_requests`, from workflow's DossierStatusChanged); when the clock stopped for the
 * applicant (`clock_stopped_at`, so a dossier waiting for a supplement is judged late as at the
 * request, as workflow judges it); and the apology with its new appointment (form 04).
 */
export class SupplementItemsAndLateness1732301750000 implements MigrationInterface {
  name = 'SupplementItemsAndLateness1732301750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN supplement_requests jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN clock_stopped_at timestamptz`);
    await queryRunner.query(`ALTER TABLE dossiers ADD COLUMN apology jsonb`);
    // Dossiers waiting for the applicant now: the clock stopped with their latest change to that status.
    await queryRunner.query(
      `UPDATE dossiers d SET clock_stopped_at = (SELECT max(h.at) FROM dossier_history h WHERE h.dossier_code = d.code AND h.status = d.status)
        WHERE d.status IN ('supplement_requested', 'payment_requested')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossiers DROP COLUMN apology, DROP COLUMN clock_stopped_at, DROP COLUMN supplement_requests`);
  }
}
