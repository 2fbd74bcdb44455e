import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roll-up rows are updated in place by every fact change. With room left on each page, those
 * updates stay on the row's page (HOT updates: no indexed column changes), so the rows of one
 * day, written around that day, stay together on disk and a period's rows are read from few
 * pages.
 */
export class RollupFillfactor1732301000000 implements MigrationInterface {
  name = 'RollupFillfactor1732301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_rollup SET (fillfactor = 70)`);
    await queryRunner.query(`ALTER TABLE complaint_rollup SET (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_rollup RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE complaint_rollup RESET (fillfactor)`);
  }
}
