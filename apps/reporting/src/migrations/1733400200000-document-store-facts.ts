import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applicant's document store in the 766 index's digitisation component: each document
 * intake digitised (DocumentDigitised) or a new dossier reused from the store
 * (StoredDocumentReused), once, with the dossier it belongs to (whose facts give the scope) and
 * the local day it happened. A few rows per dossier at most, read with dossier_facts.
 */
export class DocumentStoreFacts1733400200000 implements MigrationInterface {
  name = 'DocumentStoreFacts1733400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_store_facts (
        kind text NOT NULL CHECK (kind IN ('digitised', 'reused')),
        stored_document_id uuid NOT NULL,
        dossier_code text NOT NULL,
        agency_code text NOT NULL,
        occurred_at timestamptz NOT NULL,
        occurred_on date NOT NULL,
        PRIMARY KEY (kind, stored_document_id, dossier_code)
      )`);
    await queryRunner.query(`CREATE INDEX document_store_facts_by_day ON document_store_facts (occurred_on)`);
    await queryRunner.query(`CREATE INDEX document_store_facts_by_dossier ON document_store_facts (dossier_code)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE document_store_facts`);
  }
}
