import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseChangeFunctionSql } from '@onestop/platform';

/**
 * Payment's schema. Money is whole VND in `bigint` everywhere. A dossier's account (from
 * intake's DossierReceived), its fee lines, the bills that ask for them, the online attempts on
 * the national payment platform (one MaThamChieu each), payments (one per bill, others are
 * duplicates refunded at once), electronic receipts numbered per agency and year from a counter
 * row locked in the payment's transaction (so no gaps and no repeats), refunds, the log of the
 * platform's callbacks (no personal data), and the simulated platform's own book.
 */
export class CreatePayment1733200100000 implements MigrationInterface {
  name = 'CreatePayment1733200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_accounts (
        dossier_code text PRIMARY KEY,
        procedure_code text NOT NULL,
        procedure_version_no integer NOT NULL,
        procedure_name text NOT NULL,
        receiving_agency_code text NOT NULL,
        competent_agency_code text NOT NULL,
        channel text NOT NULL,
        received_at timestamptz NOT NULL,
        closed_at timestamptz,
        closed_reason text
      )`);
    await queryRunner.query(`
      CREATE TABLE bills (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        dossier_code text NOT NULL REFERENCES dossier_accounts (dossier_code),
        agency_code text NOT NULL,
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        due text NOT NULL CHECK (due IN ('at_submission', 'before_result')),
        stops_clock boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        reason text,
        expires_at timestamptz NOT NULL,
        paid_at timestamptz,
        cancelled_at timestamptz,
        attempts integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX bills_dossier ON bills (dossier_code, requested_at)`);
    await queryRunner.query(`
      CREATE TABLE fee_lines (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES dossier_accounts (dossier_code),
        bill_id uuid REFERENCES bills (id),
        position integer NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('fee', 'charge')),
        amount_vnd bigint NOT NULL CHECK (amount_vnd >= 0),
        due text NOT NULL CHECK (due IN ('at_submission', 'before_result')),
        source text NOT NULL CHECK (source IN ('procedure', 'assessed')),
        assessed_by text,
        assessed_at timestamptz NOT NULL,
        UNIQUE (dossier_code, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE platform_attempts (
        reference text PRIMARY KEY,
        bill_id uuid NOT NULL REFERENCES bills (id),
        started_at timestamptz NOT NULL,
        page_expires_at timestamptz NOT NULL,
        payment_url text NOT NULL,
        settled_at timestamptz,
        outcome text CHECK (outcome IN ('paid', 'failed')),
        next_poll_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX platform_attempts_to_poll ON platform_attempts (next_poll_at) WHERE settled_at IS NULL`);
    await queryRunner.query(`CREATE INDEX platform_attempts_bill ON platform_attempts (bill_id)`);
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        bill_id uuid NOT NULL REFERENCES bills (id),
        dossier_code text NOT NULL,
        agency_code text NOT NULL,
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        channel text NOT NULL CHECK (channel IN ('online', 'counter', 'postal')),
        method text NOT NULL CHECK (method IN ('paygov', 'cash', 'card')),
        reference text REFERENCES platform_attempts (reference),
        transaction_id text,
        bank_code text,
        counter_receipt_number text,
        paid_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        source text NOT NULL CHECK (source IN ('callback', 'poll', 'officer')),
        duplicate boolean NOT NULL
      )`);
    // A transaction of the platform is recorded once, however often it is reported.
    await queryRunner.query(`CREATE UNIQUE INDEX payments_transaction ON payments (method, transaction_id) WHERE transaction_id IS NOT NULL`);
    // One payment settles a bill; any other is a duplicate.
    await queryRunner.query(`CREATE UNIQUE INDEX payments_one_per_bill ON payments (bill_id) WHERE NOT duplicate`);
    await queryRunner.query(`CREATE INDEX payments_day ON payments (paid_at)`);
    await queryRunner.query(`CREATE INDEX payments_dossier ON payments (dossier_code)`);
    await queryRunner.query(`
      CREATE TABLE receipt_counters (
        agency_code text NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (agency_code, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE receipts (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL UNIQUE REFERENCES payments (id),
        dossier_code text NOT NULL,
        agency_code text NOT NULL,
        year integer NOT NULL,
        serial integer NOT NULL,
        number text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL,
        payer_name text NOT NULL,
        lines jsonb NOT NULL,
        amount_vnd bigint NOT NULL,
        voided_at timestamptz,
        voided_by text,
        void_reason text,
        UNIQUE (agency_code, year, serial)
      )`);
    await queryRunner.query(`CREATE INDEX receipts_dossier ON receipts (dossier_code)`);
    // A receipt is voided, never deleted.
    await queryRunner.query(refuseChangeFunctionSql('receipts_never_deleted', 'receipts are voided, never deleted'));
    await queryRunner.query(`CREATE TRIGGER receipts_never_deleted BEFORE DELETE OR TRUNCATE ON receipts FOR EACH STATEMENT EXECUTE FUNCTION receipts_never_deleted()`);
    await queryRunner.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL UNIQUE REFERENCES payments (id),
        dossier_code text NOT NULL,
        amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
        reason text NOT NULL,
        refunded_at timestamptz NOT NULL,
        refunded_by text NOT NULL,
        automatic boolean NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE platform_callbacks (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('callback', 'poll')),
        reference text,
        transaction_id text,
        amount_vnd bigint,
        outcome text NOT NULL,
        detail text
      )`);
    await queryRunner.query(`
      CREATE TABLE simulated_platform_transactions (
        reference text PRIMARY KEY,
        dossier_code text NOT NULL,
        description text NOT NULL,
        amount_vnd bigint NOT NULL,
        started_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'paid', 'failed')),
        transaction_id text UNIQUE,
        bank_code text,
        paid_at timestamptz,
        called_back boolean NOT NULL DEFAULT false
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['simulated_platform_transactions', 'platform_callbacks', 'refunds']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP TRIGGER receipts_never_deleted ON receipts`);
    await queryRunner.query(`DROP FUNCTION receipts_never_deleted()`);
    for (const table of ['receipts', 'receipt_counters', 'payments', 'platform_attempts', 'fee_lines', 'bills', 'dossier_accounts']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
