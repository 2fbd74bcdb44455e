import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

interface EmbeddedModule {
  freePort(): Promise<number>;
  startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean }): Promise<{ urlFor(database: string): string; stop(): Promise<void> }>;
}

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A fresh database for one scenario: on DATABASE_URL's server when set, otherwise on a
 * throwaway embedded PostgreSQL (the same one tests use; `npm run bench` runs from the repo root).
 */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!serverUrl) {
    const embedded = (await import(pathToFileURL(resolve(process.cwd(), 'scripts/embedded-postgres.mjs')).href)) as EmbeddedModule;
    const dataDir = await mkdtemp(join(tmpdir(), 'onestop-bench-pg-'));
    const server = await embedded.startEmbeddedPostgres({ dataDir, port: await embedded.freePort(), persistent: false });
    serverUrl = server.urlFor('postgres');
    stopServer = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const database = `bench_${name}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    stop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
      await stopServer();
    },
  };
}
