import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment's events as facts, for the 766 index's online-payment component and the count of
 * online payments: each bill asked (PaymentRequested: the dossier had fees to pay) and each
 * payment made (FeePaid, duplicates apart) and refunded (FeeRefunded), once, with the dossier it
 * belongs to (whose facts give the scope) and the local day it happened. Money in whole VND.
 */
export class PaymentFacts1733200300000 implements MigrationInterface {
  name = 'PaymentFacts1733200300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_facts (
        kind text NOT NULL CHECK (kind IN ('requested', 'paid', 'refunded')),
        id uuid NOT NULL,
        dossier_code text NOT NULL,
        agency_code text NOT NULL,
        channel text,
        amount_vnd bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        occurred_on date NOT NULL,
        PRIMARY KEY (kind, id)
      )`);
    await queryRunner.query(`CREATE INDEX payment_facts_by_dossier ON payment_facts (dossier_code)`);
    await queryRunner.query(`CREATE INDEX payment_facts_by_day ON payment_facts (occurred_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_facts`);
  }
}
