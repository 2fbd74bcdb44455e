import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

interface EmbeddedModule {
  freePort(): Promise<number>;
  startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean; settings?: Record<string, string> }): Promise<{ urlFor(database: string): string; stop(): Promise<void> }>;
}

export interface BenchServer {
  /** URL of the server's `postgres` database (for CREATE DATABASE). */
  url: string;
  /** `embedded` (throwaway, fsync and synchronous_commit off) or `DATABASE_URL`. */
  kind: 'embedded' | 'DATABASE_URL';
  stop(): Promise<void>;
}

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server a scenario runs on: DATABASE_URL's when set, otherwise a throwaway
 * embedded one (the same one tests use; `npm run bench` runs from the repo root).
 */
export async function benchServer(options: { statementStats?: boolean } = {}): Promise<BenchServer> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, kind: 'DATABASE_URL', stop: async () => undefined };
  const embedded = (await import(pathToFileURL(resolve(process.cwd(), 'scripts/embedded-postgres.mjs')).href)) as EmbeddedModule;
  const dataDir = await mkdtemp(join(tmpdir(), 'onestop-bench-pg-'));
  // pg_stat_statements counts the statements a scenario makes (it must be loaded at start).
  const settings: Record<string, string> = options.statementStats ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_utility': 'on' } : {};
  const server = await embedded.startEmbeddedPostgres({ dataDir, port: await embedded.freePort(), persistent: false, settings });
  return {
    url: server.urlFor('postgres'),
    kind: 'embedded',
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drops a database made on `serverUrl`, closing whatever still holds it. */
export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A fresh database for one scenario on its own server (see benchServer). */
export async function benchDatabase(name: string, options: { statementStats?: boolean } = {}): Promise<BenchDatabase> {
  const server = await benchServer(options);
  const database = `bench_${name}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    stop: async () => {
      await dropDatabase(server.url, url.toString());
      await server.stop();
    },
  };
}
