import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connector's own durable queue (`portal_pushes`): one row per call owed to the national
 * portal or to EMC, written in the same transaction as the inbox record of the event it comes
 * from, so a redelivered event queues nothing twice. A dossier's rows of one target form a
 * chain sent strictly in order (position: 0 the reception, then workflow's status sequence;
 * part: the order within one event). `portal_dossiers` is what the connector knows of each
 * dossier (no personal data): whether the portal has it, what was last pushed, its results.
 * `portal_inbound` remembers the portal's own dossiers taken in, so a repeated push stores its
 * files once. The simulated portal's book (`simulated_portal_*`) is for development only.
 */
export class CreatePushes1733100000000 implements MigrationInterface {
  name = 'CreatePushes1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portal_pushes (
        id bigserial PRIMARY KEY,
        target text NOT NULL CHECK (target IN ('portal', 'emc')),
        dossier_code text NOT NULL,
        position integer NOT NULL,
        part smallint NOT NULL,
        service text NOT NULL,
        snapshot jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX portal_pushes_chain ON portal_pushes (target, dossier_code, position, part, id) WHERE state <> 'sent'`);
    await queryRunner.query(`CREATE INDEX portal_pushes_dossier ON portal_pushes (dossier_code, id)`);
    await queryRunner.query(`CREATE INDEX portal_pushes_state ON portal_pushes (state, created_at)`);
    await queryRunner.query(`
      CREATE TABLE portal_dossiers (
        dossier_code text PRIMARY KEY,
        receiving_agency_code text,
        received_at timestamptz,
        procedure_code text,
        procedure_name text,
        channel text,
        result_delivery text,
        from_national_portal boolean NOT NULL DEFAULT false,
        known_to_portal boolean NOT NULL DEFAULT false,
        processed_at timestamptz,
        returned_at timestamptz,
        results jsonb NOT NULL DEFAULT '[]',
        last_pushed_status smallint,
        last_pushed_at timestamptz,
        synchronised_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX portal_dossiers_received ON portal_dossiers (received_at)`);
    await queryRunner.query(`
      CREATE TABLE portal_inbound (
        national_code text PRIMARY KEY,
        dossier_code text NOT NULL,
        files_stored boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE simulated_portal_calls (
        id bigserial PRIMARY KEY,
        target text NOT NULL,
        service text NOT NULL,
        dossier_code text,
        body jsonb NOT NULL,
        answer jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE TABLE simulated_portal_dossiers (code text PRIMARY KEY, record jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE simulated_portal_dossiers`);
    await queryRunner.query(`DROP TABLE simulated_portal_calls`);
    await queryRunner.query(`DROP TABLE portal_inbound`);
    await queryRunner.query(`DROP TABLE portal_dossiers`);
    await queryRunner.query(`DROP TABLE portal_pushes`);
  }
}
