import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting's facts from intake's, workflow's and postal's events, and the daily roll-ups the
 * reports read. Facts hold one row per dossier (and per complaint) with what the events said;
 * each fact change adds its difference to the roll-ups in the same transaction, at three
 * grains (day, month, year), so a year's report sums a few thousand year rows however many
 * dossiers there were.
 */
export class CreateDossierFactsAndRollups1732300900000 implements MigrationInterface {
  name = 'CreateDossierFactsAndRollups1732300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_facts (
        dossier_code text PRIMARY KEY,
        -- From DossierReceived (null until it arrives: the dossier is not counted before).
        received_at timestamptz,
        channel text,
        receiving_agency_code text,
        competent_agency_code text,
        field_code text,
        level_code text,
        procedure_code text,
        procedure_version_no integer,
        on_the_spot boolean,
        fees_paid_online boolean,
        result_delivery text,
        initial_due_at timestamptz,
        -- Workflow's DossierStatusChanged, one entry per sequence number: {sequence, status, at, dueAt}.
        statuses jsonb NOT NULL DEFAULT '[]',
        withdrawn_at timestamptz,
        result_ready_at timestamptz,
        result_delivery_method text,
        result_kind text,
        rating_score smallint,
        rated_at timestamptz,
        delivered_by_post_at timestamptz,
        -- Derived by the rules in libs/domain (dossierContributions), kept for reading and drill-down.
        state text NOT NULL DEFAULT 'unknown',
        closed_at timestamptz,
        finish_class text,
        due_at timestamptz,
        -- The contributions this fact has added to the roll-ups: [[day, measure, n], ...].
        applied jsonb NOT NULL DEFAULT '[]'
      )`);

    // One column per measure of libs/domain's DOSSIER_MEASURES (flows, then the stock deltas).
    const measures = [
      'received',
      'received_on_the_spot',
      'received_fees_paid_online',
      'finished_early',
      'finished_on_time',
      'finished_late',
      'refused',
      'stopped',
      'withdrawn',
      'handled_on_the_spot',
      'supplement_requested',
      'results_issued',
      'results_electronic',
      'results_by_post',
      'results_delivered_by_post',
      'ratings',
      'rating_points',
      'ratings_satisfied',
      'open_within_time',
      'open_overdue',
      'open_awaiting_supplement',
    ]
      .map((m) => `${m} integer NOT NULL DEFAULT 0`)
      .join(',\n        ');
    await queryRunner.query(`
      CREATE TABLE dossier_rollup (
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
        period_start date NOT NULL,
        competent_agency_code text NOT NULL,
        receiving_agency_code text NOT NULL,
        field_code text NOT NULL,
        level_code text NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        ${measures},
        PRIMARY KEY (grain, period_start, competent_agency_code, receiving_agency_code, field_code, level_code, procedure_code, channel)
      )`);
    // Reads scoped to a receiving agency (the primary key serves the competent agency).
    await queryRunner.query(`CREATE INDEX dossier_rollup_receiving ON dossier_rollup (grain, period_start, receiving_agency_code)`);

    await queryRunner.query(`
      CREATE TABLE complaint_facts (
        complaint_id uuid PRIMARY KEY,
        agency_code text,
        dossier_code text,
        filed_at timestamptz,
        answered_at timestamptz,
        -- From the dossier's fact when the complaint is about one ('' otherwise or until known).
        field_code text NOT NULL DEFAULT '',
        level_code text NOT NULL DEFAULT '',
        procedure_code text NOT NULL DEFAULT '',
        applied jsonb NOT NULL DEFAULT '[]'
      )`);
    await queryRunner.query(`CREATE INDEX complaint_facts_dossier ON complaint_facts (dossier_code) WHERE dossier_code IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE complaint_rollup (
        grain char(1) NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
        period_start date NOT NULL,
        agency_code text NOT NULL,
        field_code text NOT NULL,
        level_code text NOT NULL,
        procedure_code text NOT NULL,
        filed integer NOT NULL DEFAULT 0,
        answered integer NOT NULL DEFAULT 0,
        PRIMARY KEY (grain, period_start, agency_code, field_code, level_code, procedure_code)
      )`);

    // Every version of every procedure (procedure_facts keeps only the latest), to read the
    // catalog as it stood at the end of a period.
    await queryRunner.query(`
      CREATE TABLE procedure_versions (
        code text NOT NULL,
        version_no integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('version', 'abolition')),
        effective_from date NOT NULL,
        name text,
        field_code text,
        level_code text,
        competent_agency_code text,
        receiving_agency_codes text[] NOT NULL DEFAULT '{}',
        online_level smallint,
        online_mode text,
        on_the_spot_eligible boolean,
        integrated_national_portal boolean,
        PRIMARY KEY (code, version_no)
      )`);
    await queryRunner.query(`
      INSERT INTO procedure_versions (code, version_no, kind, effective_from, name, field_code, level_code, competent_agency_code,
                                      online_level, online_mode, on_the_spot_eligible, integrated_national_portal)
      SELECT code, version_no, CASE WHEN status = 'abolished' THEN 'abolition' ELSE 'version' END, COALESCE(abolished_from, effective_from),
             name, field_code, level_code, competent_agency_code, online_level, online_mode, on_the_spot_eligible, integrated_national_portal
        FROM procedure_facts`);

    // Targets per year and scope ('' = the whole province), seeded with Hải Phòng's 2022.
    await queryRunner.query(`
      CREATE TABLE targets (
        year integer NOT NULL,
        agency_code text NOT NULL DEFAULT '',
        metric text NOT NULL,
        value numeric NOT NULL CHECK (value >= 0 AND value <= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'seed',
        PRIMARY KEY (year, agency_code, metric)
      )`);
    await queryRunner.query(`
      INSERT INTO targets (year, agency_code, metric, value) VALUES
        (2022, '', 'level4AmongOnlineServices', 1), (2022, '', 'onlineServicesWithOnlineDossier', 0.8), (2022, '', 'dossiersOnline', 0.6)`);

    // Decision 766 components: points and the share that earns them all.
    await queryRunner.query(`
      CREATE TABLE service_index_components (
        key text PRIMARY KEY,
        points numeric NOT NULL CHECK (points >= 0),
        full_marks_at numeric NOT NULL CHECK (full_marks_at > 0 AND full_marks_at <= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'seed'
      )`);
    await queryRunner.query(`
      INSERT INTO service_index_components (key, points, full_marks_at) VALUES
        ('publicity.nationalPortal', 18, 1), ('progress.onTime', 20, 1), ('online.proceduresOnline', 8, 0.8),
        ('online.dossiersOnline', 8, 0.5), ('online.payment', 6, 0.8), ('digitisation.electronicResults', 11, 0.8),
        ('digitisation.documents', 11, 0.8), ('satisfaction', 18, 0.9)`);

    await queryRunner.query(`
      CREATE TABLE rebuild_runs (
        id uuid PRIMARY KEY,
        requested_by text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        -- Moved on as the run goes; a 'running' run whose heartbeat stopped died with its process.
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        events jsonb NOT NULL DEFAULT '{}',
        error text
      )`);
    // One rebuild at a time.
    await queryRunner.query(`CREATE UNIQUE INDEX rebuild_runs_one_running ON rebuild_runs ((true)) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rebuild_runs', 'service_index_components', 'targets', 'procedure_versions', 'complaint_rollup', 'complaint_facts', 'dossier_rollup', 'dossier_facts']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
