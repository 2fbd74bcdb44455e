// What `npm run backup` and `npm run restore` share: where the database and the file store are
// (the same settings the services read), the PostgreSQL client programs of the right version,
// and the manifest of SHA-256s that proves a backup whole before anything is restored from it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { delimiter, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export const run = promisify(execFile);
export const say = (message) => process.stdout.write(`[backup] ${message}\n`);

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'files';

/** Reads `.env` as `npm start` does, so the scripts find what the services find. */
export function loadSettings(root) {
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
}

/** The embedded server of `npm start`, when DATABASE_URL is not set (scripts/start.mjs). */
export function embeddedSettings(root) {
  return {
    dataDir: resolve(root, process.env.PG_DATA_DIR ?? '.data/postgres'),
    port: Number(process.env.PG_PORT ?? 54329),
    database: 'onestop',
  };
}

/** The local file store's folder (FILE_STORAGE_DIR, relative to the working directory as the services read it), or null with S3. */
export function fileStoreDir() {
  if ((process.env.FILE_STORAGE ?? 'local') !== 'local') return null;
  return resolve(process.env.FILE_STORAGE_DIR ?? '.data/files');
}

export async function serverMajor(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL client program (pg_dump, pg_restore) whose major version is at least the server's:
 * pg_dump refuses a newer server. Looked for in PG_BIN_DIR, then Debian's /usr/lib/postgresql/N/bin
 * (newest first), then PATH.
 */
export async function postgresTool(name, major) {
  const folders = [];
  if (process.env.PG_BIN_DIR) folders.push(process.env.PG_BIN_DIR);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    folders.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  folders.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  const seen = [];
  for (const folder of folders) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    const { stdout } = await run(path, ['--version']);
    const found = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
    if (found >= major) return path;
    seen.push(`${path} (${found})`);
  }
  throw new Error(
    `no ${name} of PostgreSQL ${major} or later (the server's version; an older one refuses it)${seen.length ? `: found only ${seen.join(', ')}` : ''}. ` +
      `Install the client of that version (Debian: postgresql-client-${major}) and set PG_BIN_DIR to its bin folder if it is not on PATH.`,
  );
}

export async function sha256Of(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Every file under `folder` with its size and SHA-256, by path relative to it with `/`. Files
 * still being written (`.…part`, LocalDiskStorage's temporary names) are not part of the store.
 */
export async function listFiles(folder) {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile() || (entry.name.startsWith('.') && entry.name.endsWith('.part'))) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({ path: relative(folder, path).split(sep).join('/'), bytes: (await stat(path)).size, sha256: await sha256Of(path) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Row counts of every table outside PostgreSQL's own schemas, read in `client`'s transaction. */
export async function rowCounts(client) {
  const { rows: tables } = await client.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_%'
      ORDER BY 1, 2`,
  );
  const counts = {};
  for (const { schema, name } of tables) {
    const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM "${schema}"."${name}"`);
    counts[`${schema}.${name}`] = Number(rows[0].n);
  }
  return counts;
}
