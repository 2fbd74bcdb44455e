import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of applicants' personal data (Decree 13/2023/NĐ-CP on personal data protection):
 * how long after a dossier is closed its applicant's name, identity number, contacts, address
 * and documents are kept, per field (lĩnh vực) with a default row `*`, as data an administrator
 * changes; the log of the dossiers erased; the log of the exports of a person's data.
 *
 * The defaults follow the archival periods of Circular 10/2022/TT-BNV for one-stop dossiers
 * (hồ sơ giải quyết thủ tục hành chính): 5 years after closing; 10 for land, construction and
 * business registration (their decisions are consulted long after), 20 for civil status
 * (hộ tịch), whose originals the registry keeps permanently anyway.
 */
export class PersonalDataRetention1733800300000 implements MigrationInterface {
  name = 'PersonalDataRetention1733800300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE retention_policies (
        field_code text PRIMARY KEY CHECK (field_code <> ''),
        retention_months integer NOT NULL CHECK (retention_months BETWEEN 1 AND 1200),
        basis text NOT NULL CHECK (basis <> ''),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'migration'
      )`);
    await queryRunner.query(
      `INSERT INTO retention_policies (field_code, retention_months, basis) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`,
      [DEFAULTS.map(([field]) => field), DEFAULTS.map(([, months]) => months), DEFAULTS.map(([, , basis]) => basis)],
    );
    await queryRunner.query(`
      CREATE TABLE personal_data_erasures (
        dossier_code text PRIMARY KEY REFERENCES dossiers (code),
        closed_at timestamptz NOT NULL,
        retention_months integer NOT NULL,
        erased_at timestamptz NOT NULL,
        files_removed integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX personal_data_erasures_erased ON personal_data_erasures (erased_at DESC, dossier_code DESC)`);
    // Whose data was given out, to whom and why; the person is named by a hash of their identity
    // number, so the log itself keeps nothing the erasure would have to remove.
    await queryRunner.query(`
      CREATE TABLE personal_data_exports (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        actor_role text NOT NULL,
        id_number_sha256 char(64),
        request_reference text,
        dossiers integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX personal_data_exports_at ON personal_data_exports (at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE personal_data_exports`);
    await queryRunner.query(`DROP TABLE personal_data_erasures`);
    await queryRunner.query(`DROP TABLE retention_policies`);
  }
}

const DEFAULTS: Array<[field: string, months: number, basis: string]> = [
  ['*', 60, 'Thông tư 10/2022/TT-BNV: hồ sơ giải quyết thủ tục hành chính, 5 năm kể từ khi kết thúc'],
];
