import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembered `Idempotency-Key`s of creating POSTs, in every service's own schema. */
export class CreateIdempotencyKeys1764000000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
