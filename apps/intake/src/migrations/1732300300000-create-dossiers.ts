import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDossiers1732300300000 implements MigrationInterface {
  name = 'CreateDossiers1732300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Officers search applicants' names with or without diacritics, as in the catalog.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`);
    await queryRunner.query(`
      CREATE FUNCTION fold_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    // The daily sequence behind dossier codes, per receiving agency; a row lock serialises
    // concurrent receptions at one agency, so a number is never handed out twice.
    await queryRunner.query(`
      CREATE TABLE dossier_sequences (
        agency_code text NOT NULL,
        day date NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (agency_code, day)
      )`);

    await queryRunner.query(`
      CREATE TABLE dossiers (
        code text PRIMARY KEY,
        lookup_secret text NOT NULL,
        procedure_code text NOT NULL,
        procedure_version_no integer NOT NULL,
        procedure_name text NOT NULL,
        field_code text NOT NULL,
        level_code text NOT NULL,
        receiving_agency_code text NOT NULL,
        receiving_agency_name text NOT NULL,
        competent_agency_code text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('counter', 'online', 'post')),
        source text NOT NULL CHECK (source IN ('officer', 'citizen', 'national_portal', 'postal')),
        external_id text,
        applicant jsonb NOT NULL,
        applicant_name text NOT NULL,
        owner_subject text,
        received_by text NOT NULL,
        received_at timestamptz NOT NULL,
        counting_from timestamptz NOT NULL,
        appointment_at timestamptz NOT NULL,
        processing_minutes integer NOT NULL,
        result_delivery jsonb NOT NULL,
        documents jsonb NOT NULL,
        on_the_spot boolean NOT NULL,
        fees_paid_online boolean NOT NULL,
        status text NOT NULL,
        national_status smallint NOT NULL CHECK (national_status BETWEEN 1 AND 10),
        status_sequence integer NOT NULL DEFAULT 0,
        rating_score smallint CHECK (rating_score BETWEEN 1 AND 5),
        rating_comment text,
        rated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX dossiers_agency_received ON dossiers (receiving_agency_code, received_at DESC, code DESC)`);
    await queryRunner.query(`CREATE INDEX dossiers_competent_received ON dossiers (competent_agency_code, received_at DESC, code DESC)`);
    await queryRunner.query(`CREATE INDEX dossiers_owner_received ON dossiers (owner_subject, received_at DESC, code DESC) WHERE owner_subject IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX dossiers_applicant_name ON dossiers USING gin (fold_text(applicant_name) gin_trgm_ops)`);
    await queryRunner.query(`CREATE UNIQUE INDEX dossiers_external_id ON dossiers (source, external_id) WHERE external_id IS NOT NULL`);

    // The dossier's progress as the applicant and the national portal see it.
    await queryRunner.query(`
      CREATE TABLE dossier_history (
        id bigserial PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES dossiers (code),
        status text NOT NULL,
        national_status smallint NOT NULL,
        at timestamptz NOT NULL,
        unit_code text,
        unit_name text,
        officer_name text,
        officer_title text,
        content text NOT NULL,
        appointment_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dossier_history_dossier ON dossier_history (dossier_code, id)`);

    await queryRunner.query(`
      CREATE TABLE supplements (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES dossiers (code),
        received_at timestamptz NOT NULL,
        documents jsonb NOT NULL,
        note text,
        submitted_by text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX supplements_dossier ON supplements (dossier_code, received_at)`);

    // Complaints and petitions (phản ánh, kiến nghị), about a dossier or an agency's service.
    await queryRunner.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY,
        agency_code text NOT NULL,
        dossier_code text REFERENCES dossiers (code),
        filed_by text NOT NULL,
        contact jsonb NOT NULL,
        subject text NOT NULL,
        content text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        answer text,
        answered_by text,
        answered_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX complaints_agency ON complaints (agency_code, filed_at DESC, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['complaints', 'supplements', 'dossier_history', 'dossiers', 'dossier_sequences']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('DROP FUNCTION fold_text(text)');
  }
}
