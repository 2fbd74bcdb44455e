import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables, created in every service's own schema (the search path points
 * there). Each app lists this migration first in its migrations.
 */
export class CreateOutboxAndInbox1732300000000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        version integer NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per event and subscriber: each subscriber acknowledges on its own.
    await queryRunner.query(`
      CREATE TABLE outbox_deliveries (
        event_seq bigint NOT NULL REFERENCES outbox_events (seq) ON DELETE CASCADE,
        subscriber text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_error text,
        PRIMARY KEY (event_seq, subscriber)
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_deliveries_due ON outbox_deliveries (next_attempt_at, event_seq) WHERE delivered_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE inbox_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        source text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox_events');
    await queryRunner.query('DROP TABLE outbox_deliveries');
    await queryRunner.query('DROP TABLE outbox_events');
  }
}
