import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDossierFiles1732300400000 implements MigrationInterface {
  name = 'CreateDossierFiles1732300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Files uploaded to a dossier (scans of its documents); the bytes live in file storage
    // under storage_key, the row says what they are and who brought them.
    await queryRunner.query(`
      CREATE TABLE dossier_files (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES dossiers (code),
        storage_key text NOT NULL UNIQUE,
        file_name text NOT NULL,
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        requirement smallint CHECK (requirement >= 1),
        requirement_name text,
        title text,
        uploaded_by text NOT NULL,
        uploaded_by_name text,
        uploaded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dossier_files_dossier ON dossier_files (dossier_code, uploaded_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_files');
  }
}
