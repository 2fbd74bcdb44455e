import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProcedures1732300100000 implements MigrationInterface {
  name = 'CreateProcedures1732300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procedures (
        code text PRIMARY KEY,
        name text NOT NULL,
        online_level smallint NOT NULL CHECK (online_level BETWEEN 1 AND 4),
        online_mode text NOT NULL CHECK (online_mode IN ('full', 'partial', 'none')),
        integrated_national_portal boolean NOT NULL DEFAULT false,
        version_no integer NOT NULL DEFAULT 1,
        effective_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE procedures');
  }
}
