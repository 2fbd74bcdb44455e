import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests run on: the one jest's global setup started (embedded), or the
 * one DATABASE_URL names. Each caller gets a database of its own, so test files never see
 * each other's rows.
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('No test database server: run through jest (global setup) or set DATABASE_URL');
  return url;
}

export async function createTestDatabase(prefix = 'test'): Promise<string> {
  const server = new URL(testServerUrl());
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  server.pathname = `/${name}`;
  return server.toString();
}

/** Runs a query on a test database with a short-lived connection (for assertions). */
export async function queryDatabase<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
