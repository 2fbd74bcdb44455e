import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1732300100000 implements MigrationInterface {
  name = 'CreateCatalog1732300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Search ignores Vietnamese diacritics ("cap giay phep" finds "Cấp giấy phép"). unaccent()
    // is not immutable, so it cannot be indexed directly; this wrapper pins its dictionary.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`);
    await queryRunner.query(`
      CREATE FUNCTION fold_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    // Administrative levels are data: the district level was abolished in 2025.
    await queryRunner.query(`
      CREATE TABLE administrative_levels (
        code text PRIMARY KEY,
        name text NOT NULL,
        rank smallint NOT NULL,
        abolished_from date
      )`);
    await queryRunner.query(`
      INSERT INTO administrative_levels (code, name, rank, abolished_from) VALUES
        ('province', 'Cấp tỉnh', 1, NULL),
        ('district', 'Cấp huyện', 2, '2025-07-01'),
        ('commune', 'Cấp xã', 3, NULL)`);

    await queryRunner.query(`
      CREATE TABLE agencies (
        code text PRIMARY KEY,
        name text NOT NULL,
        address text,
        level_code text NOT NULL REFERENCES administrative_levels (code),
        parent_code text REFERENCES agencies (code),
        online_only_weekdays smallint[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX agencies_parent ON agencies (parent_code, code)`);

    await queryRunner.query(`
      CREATE TABLE fields (
        code text PRIMARY KEY,
        name text NOT NULL
      )`);

    // The current (latest) version of each procedure, flattened for search and browse.
    await queryRunner.query(`
      CREATE TABLE procedures (
        code text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('active', 'abolished')),
        version_no integer NOT NULL,
        name text NOT NULL,
        field_code text NOT NULL REFERENCES fields (code),
        level_code text NOT NULL REFERENCES administrative_levels (code),
        competent_agency_code text NOT NULL REFERENCES agencies (code),
        receiving_agency_codes text[] NOT NULL,
        processing_minutes integer NOT NULL,
        online_level smallint NOT NULL CHECK (online_level BETWEEN 1 AND 4),
        online_mode text NOT NULL CHECK (online_mode IN ('full', 'partial', 'none')),
        on_the_spot_eligible boolean NOT NULL,
        accepts_dossier_by_post boolean NOT NULL,
        delivers_result_by_post boolean NOT NULL,
        online_only_listed boolean NOT NULL,
        integrated_national_portal boolean NOT NULL,
        effective_from date NOT NULL,
        abolished_from date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX procedures_name_search ON procedures USING gin (fold_text(name) gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX procedures_field ON procedures (field_code, code)`);
    await queryRunner.query(`CREATE INDEX procedures_level ON procedures (level_code, code)`);
    await queryRunner.query(`CREATE INDEX procedures_competent_agency ON procedures (competent_agency_code, code)`);
    await queryRunner.query(`CREATE INDEX procedures_receiving_agencies ON procedures USING gin (receiving_agency_codes)`);
    await queryRunner.query(`CREATE INDEX procedures_online_level ON procedures (online_level, code)`);

    // Every version ever published stays readable; a dossier is judged by the one in force
    // when it was received.
    await queryRunner.query(`
      CREATE TABLE procedure_versions (
        code text NOT NULL REFERENCES procedures (code),
        version_no integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('published', 'amended', 'abolished')),
        decision_number text NOT NULL,
        decision_date date NOT NULL,
        effective_from date NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version_no)
      )`);
    await queryRunner.query(`CREATE INDEX procedure_versions_in_force ON procedure_versions (code, effective_from DESC, version_no DESC)`);

    // Working-time calendar: office hours, and the dates that differ from the weekly pattern.
    await queryRunner.query(`
      CREATE TABLE calendar_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        sessions jsonb NOT NULL,
        weekend_days smallint[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO calendar_settings (sessions, weekend_days)
      VALUES ('[{"start":"07:00","end":"11:30"},{"start":"13:30","end":"17:00"}]', '{6,7}')`);
    await queryRunner.query(`
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'day_off', 'working_day')),
        name text NOT NULL,
        source text NOT NULL CHECK (source IN ('rule', 'override'))
      )`);
    await queryRunner.query(`
      CREATE TABLE calendar_years (
        year smallint PRIMARY KEY,
        generated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['calendar_years', 'calendar_days', 'calendar_settings', 'procedure_versions', 'procedures', 'fields', 'agencies', 'administrative_levels']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION fold_text(text)');
  }
}
