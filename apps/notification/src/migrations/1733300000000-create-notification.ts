import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotification1733300000000 implements MigrationInterface {
  name = 'CreateNotification1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per event, channel and recipient: the unique key is what makes a redelivered event,
    // a restart or a second replica send nothing twice. The text is kept for resending until the
    // retention ends (body NULL, purged_at set), then only the status stays.
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        event_id text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('sms', 'email', 'zalo')),
        recipient text NOT NULL,
        dossier_code text,
        complaint_id uuid,
        subject text,
        body text,
        provider_template_id text,
        template_data jsonb,
        required boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        resends integer NOT NULL DEFAULT 0,
        -- Mechanical time (leases, back-off), on the database's clock.
        next_attempt_at timestamptz,
        -- Business time (quiet hours), on the services' clock.
        not_before timestamptz NOT NULL,
        provider_message_id text,
        last_error text,
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        purged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, channel, recipient)
      )`);
    await queryRunner.query(`CREATE INDEX messages_due ON messages (not_before, next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX messages_list ON messages (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX messages_dossier ON messages (dossier_code, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX messages_retention ON messages (created_at) WHERE body IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id) WHERE provider_message_id IS NOT NULL`);

    // What providers said of a message after taking it, once per (message, status).
    await queryRunner.query(`
      CREATE TABLE delivery_receipts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages (id),
        status text NOT NULL CHECK (status IN ('delivered', 'failed')),
        at timestamptz NOT NULL,
        reason text,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, status)
      )`);

    // Officers' in-app notices: one per event and officer; seq orders them and resumes a live stream.
    await queryRunner.query(`
      CREATE TABLE notices (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        event_id text NOT NULL,
        recipient text NOT NULL,
        kind text NOT NULL,
        dossier_code text,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        UNIQUE (event_id, recipient)
      )`);
    await queryRunner.query(`CREATE INDEX notices_recipient ON notices (recipient, seq DESC)`);
    await queryRunner.query(`CREATE INDEX notices_unread ON notices (recipient) WHERE read_at IS NULL`);

    // An administrator's wording of a kind on a channel; the built-in one applies where none is kept.
    await queryRunner.query(`
      CREATE TABLE templates (
        kind text NOT NULL,
        channel text NOT NULL,
        subject text,
        body text NOT NULL,
        provider_template_id text,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (kind, channel)
      )`);

    // A citizen's choice of channels (the account's subject) and the Zalo phone they linked.
    await queryRunner.query(`
      CREATE TABLE preferences (
        subject text PRIMARY KEY,
        sms boolean NOT NULL,
        email boolean NOT NULL,
        zalo boolean NOT NULL,
        zalo_phone text,
        updated_at timestamptz NOT NULL
      )`);

    // One email for all the dossiers of an organisation, by its tax code (mã số thuế).
    await queryRunner.query(`
      CREATE TABLE organisation_contacts (
        id_number text PRIMARY KEY,
        email text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    // What the simulated providers (npm start, tests) were given, as a real provider would have received it.
    await queryRunner.query(`
      CREATE TABLE simulated_messages (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text,
        body text,
        reference text NOT NULL,
        provider_message_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, reference)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['simulated_messages', 'organisation_contacts', 'preferences', 'templates', 'notices', 'delivery_receipts', 'messages']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
