import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officers cases may be assigned to: who they are (subject, name), their title (chức danh,
 * which tokens do not carry), the agencies they act for and their roles. Learnt from the
 * verified tokens officers call this service with, registered ahead by an administrator, who
 * also sets titles and takes officers off assignment (`active`).
 */
export class OfficerDirectory1732300590000 implements MigrationInterface {
  name = 'OfficerDirectory1732300590000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE officers (
        subject text PRIMARY KEY,
        name text,
        title text,
        agency_codes text[] NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        registered_by text NOT NULL,
        first_seen_at timestamptz,
        last_seen_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // "Who at this agency can do this step": the assignment check and the directory's list.
    await queryRunner.query(`CREATE INDEX officers_agency ON officers USING gin (agency_codes)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE officers`);
  }
}
