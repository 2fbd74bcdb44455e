import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The searchable `procedures` row shows the version in force today, not the latest one recorded:
 * a decision effective next month is kept in procedure_versions and takes over the row on its
 * effective date (ProcedurePromotionService). `pending_from` is when the row next changes (the
 * earliest version not yet in force); a small partial index finds the rows due. A procedure
 * announced with a future effective date is `upcoming` until then.
 */
export class ProceduresInForce1732300170000 implements MigrationInterface {
  name = 'ProceduresInForce1732300170000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE procedures DROP CONSTRAINT procedures_status_check`);
    await queryRunner.query(`ALTER TABLE procedures ADD CONSTRAINT procedures_status_check CHECK (status IN ('upcoming', 'active', 'abolished'))`);
    await queryRunner.query(`ALTER TABLE procedures ADD COLUMN pending_from date`);
    await queryRunner.query(`CREATE INDEX procedures_pending ON procedures (pending_from) WHERE pending_from IS NOT NULL`);
    // Rows written before this showed the latest version even when it was not yet in force:
    // mark them due, so the first promotion round after start rewrites them as of today.
    await queryRunner.query(`
      UPDATE procedures p SET pending_from = DATE '1970-01-01'
       WHERE EXISTS (SELECT 1 FROM procedure_versions v
                      WHERE v.code = p.code AND v.effective_from > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX procedures_pending`);
    await queryRunner.query(`ALTER TABLE procedures DROP COLUMN pending_from`);
    await queryRunner.query(`UPDATE procedures SET status = 'active' WHERE status = 'upcoming'`);
    await queryRunner.query(`ALTER TABLE procedures DROP CONSTRAINT procedures_status_check`);
    await queryRunner.query(`ALTER TABLE procedures ADD CONSTRAINT procedures_status_check CHECK (status IN ('active', 'abolished'))`);
  }
}
