#!/usr/bin/env node
// `npm run backup -- [folder]`: the database (every service's schema, one pg_dump in one snapshot,
// custom format) and the local file store, with a manifest of SHA-256s and row counts that
// `npm run restore` checks before and after restoring. With no DATABASE_URL it backs up
// `npm start`'s embedded server (started for the time of the backup if it is not running).
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DUMP, embeddedSettings, FILES, fileStoreDir, listFiles, loadSettings, MANIFEST, postgresTool, rowCounts, run, say, serverMajor, sha256Of } from './backup-tools.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
loadSettings(root);

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const folder = resolve(process.argv[2] ?? process.env.BACKUP_DIR ?? join(root, '.data/backups', stamp));
  if (existsSync(folder) && (await readdir(folder)).length > 0) throw new Error(`${folder} is not empty: a backup goes into a new folder`);

  let databaseUrl = process.env.DATABASE_URL;
  let embedded;
  if (!databaseUrl) {
    const { dataDir, port, database } = embeddedSettings(root);
    databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`;
    if (!(await answers(databaseUrl))) {
      if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`no DATABASE_URL and no embedded database in ${dataDir}: nothing to back up`);
      say(`starting the embedded PostgreSQL on ${dataDir} for the backup`);
      embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    }
  }

  try {
    const major = await serverMajor(databaseUrl);
    const pgDump = await postgresTool('pg_dump', major);
    await mkdir(folder, { recursive: true });

    // One snapshot for the dump and the row counts: the manifest describes exactly what was dumped,
    // and every schema is dumped at the same instant (an outbox row and its effect agree).
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let rows;
    let serverVersion;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: snapshot } = await client.query('SELECT pg_export_snapshot() AS id, version() AS version');
      rows = await rowCounts(client);
      say(`dumping the database (PostgreSQL ${major}, ${Object.keys(rows).length} tables) with ${pgDump}`);
      await run(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot[0].id}`, `--file=${join(folder, DUMP)}`, `--dbname=${databaseUrl}`], { maxBuffer: 16 * 1024 * 1024 });
      await client.query('COMMIT');
      serverVersion = snapshot[0].version;
    } finally {
      await client.end();
    }

    // After the dump: files are written before the rows that name them, so every document the
    // dump holds has its file here (a file newer than the dump is harmless).
    const store = fileStoreDir();
    let files = [];
    if (store && existsSync(store)) {
      say(`copying the file store ${store}`);
      await cp(store, join(folder, FILES), { recursive: true, filter: (source) => !(basename(source).startsWith('.') && basename(source).endsWith('.part')) });
      files = await listFiles(join(folder, FILES));
    } else if (!store) {
      say('FILE_STORAGE is s3: the files stay in the bucket (back it up with the store\'s own versioning or replication)');
    }

    const { stdout: pgDumpVersion } = await run(pgDump, ['--version']);
    const manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database: { serverVersion, pgDump: pgDumpVersion.trim(), dump: DUMP, bytes: statSync(join(folder, DUMP)).size, sha256: await sha256Of(join(folder, DUMP)), rows },
      files: { storage: store ? 'local' : 's3', folder: FILES, items: files },
    };
    await writeFile(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    say(`done: ${folder} (${totalRows} rows in ${Object.keys(rows).length} tables, ${files.length} files)`);
  } finally {
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`[backup] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
