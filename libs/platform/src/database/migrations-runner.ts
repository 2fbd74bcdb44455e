import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * One lock for all schema changes on a server: replicas of one service, and different
 * services sharing a server, apply their migrations one at a time, so a schema or an
 * extension is never created twice concurrently.
 */
const MIGRATION_LOCK_KEY = 'onestop:migrations';

export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<string[]> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`${schema}: applied ${migration.name}`);
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
