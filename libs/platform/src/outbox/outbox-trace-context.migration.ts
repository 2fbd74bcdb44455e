import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context (W3C `traceparent`) of the request or event handling that wrote an event,
 * so its delivery is a span of that trace. Null when traces are off or for events written
 * before; nullable, so adding it rewrites no row.
 */
export class AddOutboxTraceContext1733500000000 implements MigrationInterface {
  name = 'AddOutboxTraceContext1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_events ADD COLUMN trace_context text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_events DROP COLUMN trace_context`);
  }
}
