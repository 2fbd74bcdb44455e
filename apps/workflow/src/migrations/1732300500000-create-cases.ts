import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1732300500000 implements MigrationInterface {
  name = 'CreateCases1732300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cases (
        dossier_code text PRIMARY KEY,
        procedure_code text NOT NULL,
        procedure_version_no integer NOT NULL,
        procedure_name text NOT NULL,
        field_code text NOT NULL,
        level_code text NOT NULL,
        receiving_agency_code text NOT NULL,
        competent_agency_code text NOT NULL,
        channel text NOT NULL,
        result_delivery text NOT NULL,
        received_at timestamptz NOT NULL,
        counting_from timestamptz NOT NULL,
        processing_minutes integer NOT NULL,
        -- The legal due date: the statutory time, moved out by time waiting for supplements.
        due_at timestamptz NOT NULL,
        -- The date told to the applicant: the due date, or the one the apology (form 04) set.
        appointment_at timestamptz NOT NULL,
        on_the_spot_eligible boolean NOT NULL,
        handled_on_the_spot boolean NOT NULL DEFAULT false,
        fees_paid_online boolean NOT NULL,
        state text NOT NULL CHECK (state IN ('in_step', 'awaiting_supplement', 'result_ready', 'returned', 'refused', 'stopped', 'withdrawn')),
        step_index integer NOT NULL DEFAULT 0,
        steps jsonb NOT NULL,
        current_agency_code text NOT NULL,
        current_step_kind text NOT NULL,
        assignee text,
        assignee_name text,
        lateness text NOT NULL DEFAULT 'on_time' CHECK (lateness IN ('on_time', 'at_risk', 'overdue')),
        paused_at timestamptz,
        waited_minutes integer NOT NULL DEFAULT 0,
        supplement_request jsonb,
        apology jsonb,
        outcome jsonb,
        status_sequence integer NOT NULL DEFAULT 0,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The worklist: a unit's cases at a step, overdue first, then by due date.
    await queryRunner.query(`
      CREATE INDEX cases_worklist ON cases (current_agency_code, current_step_kind, due_at, dossier_code)
        WHERE state IN ('in_step', 'awaiting_supplement', 'result_ready')`);
    // The lateness sweep looks only at open cases due soon.
    await queryRunner.query(`CREATE INDEX cases_due ON cases (due_at) WHERE state = 'in_step'`);

    // The process control sheet (phiếu kiểm soát quá trình): append-only.
    await queryRunner.query(`
      CREATE TABLE handovers (
        id bigserial PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES cases (dossier_code),
        at timestamptz NOT NULL,
        action text NOT NULL,
        from_unit text,
        from_officer text,
        to_unit text,
        to_officer text,
        result text NOT NULL,
        note text
      )`);
    await queryRunner.query(`CREATE INDEX handovers_dossier ON handovers (dossier_code, id)`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_handover_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the control sheet is append-only';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER handovers_append_only BEFORE UPDATE OR DELETE ON handovers FOR EACH ROW EXECUTE FUNCTION refuse_handover_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE handovers');
    await queryRunner.query('DROP FUNCTION refuse_handover_change()');
    await queryRunner.query('DROP TABLE cases');
  }
}
