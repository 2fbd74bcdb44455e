import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each progress step did, as workflow's DossierStatusChanged (version 2) says it and as
 * reception records its own first step (`receive`, `register`): the public lookup words a step
 * from it. Steps recorded before keep null and are told by their status.
 */
export class ProgressStepAction1732301800000 implements MigrationInterface {
  name = 'ProgressStepAction1732301800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_history ADD COLUMN action text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier_history DROP COLUMN action`);
  }
}
