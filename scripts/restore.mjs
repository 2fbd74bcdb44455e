#!/usr/bin/env node
// `npm run restore -- <folder>`: a backup made by `npm run backup` into an empty database
// (DATABASE_URL; with none, `npm start`'s embedded server, which must be stopped: the script
// starts it on PG_DATA_DIR, a fresh folder, for the restore) and an empty file store folder
// (FILE_STORAGE_DIR). It checks every SHA-256 of the manifest first and refuses a damaged or
// incomplete backup before touching anything; it never writes over existing data; and it checks
// the restored row counts and files against the manifest afterwards. Then start the services on
// it: their outboxes resume with what was undelivered at the backup, and subscribers' inboxes
// skip what they had already applied.
import { cp, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { embeddedSettings, fileStoreDir, listFiles, loadSettings, MANIFEST, postgresTool, rowCounts, run, serverMajor, sha256Of } from './backup-tools.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
loadSettings(root);
const say = (message) => process.stdout.write(`[restore] ${message}\n`);

/** Compares what is there with what the manifest says; returns the differences in words. */
function differences(expected, actual, what) {
  const byPath = new Map(actual.map((f) => [f.path, f]));
  const problems = [];
  for (const file of expected) {
    const found = byPath.get(file.path);
    if (!found) problems.push(`${what} ${file.path} is missing`);
    else if (found.sha256 !== file.sha256) problems.push(`${what} ${file.path} has SHA-256 ${found.sha256}, the manifest says ${file.sha256}`);
    byPath.delete(file.path);
  }
  for (const path of byPath.keys()) problems.push(`${what} ${path} is not in the manifest`);
  return problems;
}

async function main() {
  if (!process.argv[2]) throw new Error('usage: npm run restore -- <backup folder>');
  const folder = resolve(process.argv[2]);
  const manifest = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8'));
  if (manifest.format !== 1) throw new Error(`${folder}: unknown manifest format ${manifest.format}`);

  // The whole backup is checked before anything is written.
  const dump = join(folder, manifest.database.dump);
  const problems = [];
  if (!existsSync(dump)) problems.push(`the dump ${manifest.database.dump} is missing`);
  else if ((await sha256Of(dump)) !== manifest.database.sha256) problems.push(`the dump ${manifest.database.dump} does not have the manifest's SHA-256`);
  problems.push(...differences(manifest.files.items, await listFiles(join(folder, manifest.files.folder)), 'file'));
  if (problems.length) throw new Error(`the backup in ${folder} is damaged, nothing restored:\n  ${problems.join('\n  ')}`);
  say(`backup of ${manifest.createdAt} checked: the dump and ${manifest.files.items.length} files match the manifest`);

  const store = fileStoreDir();
  if (manifest.files.storage === 'local') {
    if (!store) throw new Error('the backup holds a local file store but FILE_STORAGE is not local');
    if (existsSync(store) && (await readdir(store)).length > 0) throw new Error(`the file store ${store} is not empty: restore into a new folder (FILE_STORAGE_DIR)`);
  }

  let databaseUrl = process.env.DATABASE_URL;
  let embedded;
  if (!databaseUrl) {
    const { dataDir, port, database } = embeddedSettings(root);
    say(`starting the embedded PostgreSQL on ${dataDir} for the restore`);
    embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await embedded.createDatabase(database);
    databaseUrl = embedded.urlFor(database);
  }

  try {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_%'`,
      );
      if (rows[0].n > 0) throw new Error(`the database holds ${rows[0].n} tables already: restore into a new, empty database`);
    } finally {
      await client.end();
    }

    const pgRestore = await postgresTool('pg_restore', await serverMajor(databaseUrl));
    say(`restoring the database with ${pgRestore}`);
    // One transaction: a restore that fails leaves the database as empty as it was.
    await run(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${databaseUrl}`, dump], { maxBuffer: 16 * 1024 * 1024 });

    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    let restored;
    try {
      restored = await rowCounts(check);
    } finally {
      await check.end();
    }
    const wrong = Object.entries(manifest.database.rows).filter(([table, n]) => restored[table] !== n);
    if (wrong.length) throw new Error(`restored row counts differ from the backup's: ${wrong.map(([t, n]) => `${t} ${restored[t]} (backup ${n})`).join(', ')}`);

    if (manifest.files.storage === 'local' && store) {
      say(`restoring ${manifest.files.items.length} files into ${store}`);
      await cp(join(folder, manifest.files.folder), store, { recursive: true, errorOnExist: true, force: false }).catch((error) => {
        if (error.code !== 'ENOENT') throw error; // an empty store has no folder in the backup
      });
      const after = differences(manifest.files.items, await listFiles(store), 'restored file');
      if (after.length) throw new Error(`the restored files differ from the backup's:\n  ${after.join('\n  ')}`);
    }
    const totalRows = Object.values(restored).reduce((a, b) => a + b, 0);
    say(`done: ${totalRows} rows in ${Object.keys(restored).length} tables and ${manifest.files.items.length} files, as backed up`);
  } finally {
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`[restore] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
