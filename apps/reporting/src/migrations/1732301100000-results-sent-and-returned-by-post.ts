import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results sent by post (postal's ShipmentRegistered of a result delivery) and results the post
 * brought back to the agency undelivered (ShipmentStatusChanged `returned_to_sender`), next to
 * the results it delivered: one time per dossier on the fact, one measure each on the roll-ups.
 * Adding a column with a constant default rewrites nothing. Reporting receives ShipmentRegistered
 * from the events postal writes after this subscription; the earlier ones are counted by a
 * rebuild (`POST /reports/rebuild`), which reads postal's whole event feed.
 */
export class ResultsSentAndReturnedByPost1732301100000 implements MigrationInterface {
  name = 'ResultsSentAndReturnedByPost1732301100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_facts ADD COLUMN sent_by_post_at timestamptz, ADD COLUMN returned_to_agency_by_post_at timestamptz`);
    await queryRunner.query(
      `ALTER TABLE dossier_rollup ADD COLUMN results_sent_by_post integer NOT NULL DEFAULT 0, ADD COLUMN results_returned_to_agency_by_post integer NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_rollup DROP COLUMN results_returned_to_agency_by_post, DROP COLUMN results_sent_by_post`);
    await queryRunner.query(`ALTER TABLE dossier_facts DROP COLUMN returned_to_agency_by_post_at, DROP COLUMN sent_by_post_at`);
  }
}
