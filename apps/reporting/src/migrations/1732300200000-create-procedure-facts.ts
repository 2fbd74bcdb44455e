import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProcedureFacts1732300200000 implements MigrationInterface {
  name = 'CreateProcedureFacts1732300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procedure_facts (
        code text PRIMARY KEY,
        name text NOT NULL,
        version_no integer NOT NULL,
        online_level smallint NOT NULL,
        online_mode text NOT NULL,
        integrated_national_portal boolean NOT NULL,
        effective_from date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE procedure_facts');
  }
}
