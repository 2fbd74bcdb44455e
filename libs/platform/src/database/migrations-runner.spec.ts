import { describe, expect, it } from '@jest/globals';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, queryDatabase } from '../testing/test-database.js';
import { dataSourceOptions } from './database.module.js';
import { runMigrationsLocked } from './migrations-runner.js';

class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE things (id serial PRIMARY KEY)');
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE things');
  }
}

describe('migrations at start', () => {
  it('apply once when several replicas start together, in the service schema', async () => {
    const url = await createTestDatabase('migrations');
    const replicas = await Promise.all(
      [1, 2, 3, 4].map(() => new DataSource(dataSourceOptions(url, { schema: 'sample', entities: [], migrations: [CreateThings1700000000000] }, 2)).initialize()),
    );
    try {
      const applied = await Promise.all(replicas.map((dataSource) => runMigrationsLocked(dataSource, 'sample')));
      expect(applied.flat()).toEqual(['CreateThings1700000000000']);
      const tables = await queryDatabase<{ table_schema: string; table_name: string }>(url, `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('things', 'migrations') ORDER BY table_name`);
      expect(tables).toEqual([
        { table_schema: 'sample', table_name: 'migrations' },
        { table_schema: 'sample', table_name: 'things' },
      ]);
    } finally {
      await Promise.all(replicas.map((dataSource) => dataSource.destroy()));
    }
  });
});
