import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProcedureFacts1732300200000 implements MigrationInterface {
  name = 'CreateProcedureFacts1732300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Reporting's own copy of what it needs of each procedure, from catalog's events.
    await queryRunner.query(`
      CREATE TABLE procedure_facts (
        code text PRIMARY KEY,
        version_no integer NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'abolished')),
        name text NOT NULL,
        field_code text NOT NULL,
        level_code text NOT NULL,
        competent_agency_code text NOT NULL,
        online_level smallint NOT NULL,
        online_mode text NOT NULL,
        on_the_spot_eligible boolean NOT NULL,
        integrated_national_portal boolean NOT NULL,
        effective_from date NOT NULL,
        abolished_from date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE procedure_facts');
  }
}
