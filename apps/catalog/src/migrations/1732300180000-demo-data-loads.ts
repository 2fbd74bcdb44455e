import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the demo province was loaded, and completely: the row is written with the agencies
 * (started_at) and completed once the last demo procedure is published, so a start interrupted
 * in between is finished by the next one instead of being taken as loaded.
 */
export class DemoDataLoads1732300180000 implements MigrationInterface {
  name = 'DemoDataLoads1732300180000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE demo_data_loads (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE demo_data_loads`);
  }
}
