import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Electronic results (kết quả điện tử): the signed PDF of each result issued electronically, its
 * SHA-256 and verification code (both unique: a file or a code names one result), who signed it
 * with which certificate, and its revocation. One result in force per dossier: a revoked one may
 * be replaced, and stays verifiable as revoked.
 */
export class ElectronicResults1733400000000 implements MigrationInterface {
  name = 'ElectronicResults1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE electronic_results (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES cases (dossier_code),
        agency_code text NOT NULL,
        agency_name text NOT NULL,
        document_number text NOT NULL,
        summary text,
        source text NOT NULL CHECK (source IN ('attached', 'template')),
        storage_key text NOT NULL,
        file_name text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 char(64) NOT NULL UNIQUE,
        verification_code text NOT NULL UNIQUE,
        signer_title text NOT NULL,
        signer_subject text NOT NULL,
        signer_fingerprint char(64) NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        replaces_id uuid REFERENCES electronic_results (id),
        revoked_at timestamptz,
        revoked_by text,
        revocation_reason text,
        CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX electronic_results_one_in_force ON electronic_results (dossier_code) WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX electronic_results_by_dossier ON electronic_results (dossier_code, issued_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE electronic_results`);
  }
}
