import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applicant's document store (kho dữ liệu điện tử): each applicant, known by their ID number,
 * keeps their electronic results and the documents an officer digitised, with the document's
 * type, to reuse in a later dossier. The bytes are kept once per SHA-256 (`stored_files`) however
 * many entries and dossiers use them. A dossier file says whether it was digitised into the
 * store, or reused from it.
 */
export class ApplicantDocumentStore1733400100000 implements MigrationInterface {
  name = 'ApplicantDocumentStore1733400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stored_files (
        sha256 char(64) PRIMARY KEY,
        storage_key text NOT NULL UNIQUE,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        stored_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE applicant_documents (
        id uuid PRIMARY KEY,
        id_number text NOT NULL,
        sha256 char(64) NOT NULL REFERENCES stored_files (sha256),
        kind text NOT NULL CHECK (kind IN ('digitised', 'result')),
        document_type text NOT NULL,
        file_name text NOT NULL,
        dossier_code text NOT NULL,
        agency_code text NOT NULL,
        source_file_id uuid UNIQUE,
        result_id uuid UNIQUE,
        verification_code text,
        revoked_at timestamptz,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        CHECK ((kind = 'result') = (result_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX applicant_documents_by_owner ON applicant_documents (id_number, added_at, seq)`);
    await queryRunner.query(`ALTER TABLE dossier_files ADD COLUMN digitised_at timestamptz, ADD COLUMN digitised_by text, ADD COLUMN reused_document_id uuid`);
    // A citizen's store is the ID numbers of the dossiers they own.
    await queryRunner.query(`CREATE INDEX dossiers_by_owner_id_number ON dossiers (owner_subject, (applicant->>'idNumber')) WHERE owner_subject IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dossiers_by_owner_id_number`);
    await queryRunner.query(`ALTER TABLE dossier_files DROP COLUMN digitised_at, DROP COLUMN digitised_by, DROP COLUMN reused_document_id`);
    await queryRunner.query(`DROP TABLE applicant_documents`);
    await queryRunner.query(`DROP TABLE stored_files`);
  }
}
