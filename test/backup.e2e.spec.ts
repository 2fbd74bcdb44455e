import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { buildPdf, onePageObjects, samplePng } from '../libs/platform/src/testing/sample-files.js';
import { SERVICE_NAMES } from '@onestop/domain';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, binary, counterDossier, MAIN_FLOW_OFFICERS, MONDAY_10AM, publishBody, seedCatalogBasics, signIn } from './fixtures/index.js';
import { type PostgresServer, startServerForDumps } from './fixtures/postgres-server.js';

const run = promisify(execFile);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const SCHEMAS = [...SERVICE_NAMES];
const byPost = { method: 'post', address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' }, receiverName: 'Nguyễn Thị Hoa', receiverPhone: '0987654321' };

/** Runs `npm run backup` / `npm run restore` as ops do, with the settings the services read. */
async function script(name: 'backup' | 'restore', folder: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join('scripts', `${name}.mjs`), folder], { env: { ...process.env, FILE_STORAGE: 'local', ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  return (await queryDatabase<{ n: number }>(databaseUrl, sql))[0].n;
}

/** The services that publish events (an outbox) and those that follow them (an inbox). */
const schemasWith = async (databaseUrl: string, table: 'outbox_deliveries' | 'inbox_events') =>
  (await queryDatabase<{ schema: string }>(databaseUrl, 'SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = $1 ORDER BY 1', [table])).map((r) => r.schema);

/** Every event of every service delivered to each of its subscribers. */
const drained = (databaseUrl: string) =>
  eventually(async () => {
    let pending = 0;
    for (const schema of await schemasWith(databaseUrl, 'outbox_deliveries')) pending += await count(databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.outbox_deliveries WHERE delivered_at IS NULL`);
    return pending === 0 ? true : undefined;
  }, 30000, 'every event to reach its subscribers');

/** What a client sees of the system: every dossier, its documents' bytes, its case, control sheet and shipments, and the report's figures. */
async function whatClientsSee(stack: Stack, codes: string[]) {
  const api = () => request(stack.gatewayUrl);
  const as = await signIn(stack, MAIN_FLOW_OFFICERS);
  const seen: Record<string, unknown> = {};
  for (const code of codes) {
    const documents = (await api().get(`/api/v1/dossiers/${code}/documents`).set('authorization', as.reception).expect(200)).body.items as Array<{ id: string; sha256: string }>;
    const bytes = [];
    for (const document of documents) {
      const file = await api().get(`/api/v1/dossiers/${code}/documents/${document.id}`).set('authorization', as.reception).buffer(true).parse(binary).expect(200);
      bytes.push(sha256(file.body as Buffer));
    }
    seen[code] = {
      dossier: (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception).expect(200)).body,
      documents,
      documentBytes: bytes,
      case: (await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body,
      controlSheet: (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.reception).expect(200)).body,
      shipments: (await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', as.reception).expect(200)).body,
    };
  }
  seen.report = (await api().get('/api/v1/reports/dossier-balance?period=2026-03').set('authorization', as.leader).expect(200)).body;
  seen.indicators = (await api().get('/api/v1/reports/indicators?period=2026-03').set('authorization', as.leader).expect(200)).body;
  return seen;
}

describe('backup and restore', () => {
  let server: PostgresServer;
  let work: string;
  const previousServer = process.env.TEST_DATABASE_SERVER_URL;
  const clock = new FixedClock(new Date(MONDAY_10AM));

  beforeAll(async () => {
    // A server of its own, which the machine's pg_dump can dump (see startServerForDumps).
    server = await startServerForDumps();
    process.env.TEST_DATABASE_SERVER_URL = server.url('postgres');
    work = await mkdtemp(join(tmpdir(), 'onestop-backup-'));
  });

  afterAll(async () => {
    process.env.TEST_DATABASE_SERVER_URL = previousServer;
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('restores every dossier, document, case, shipment and report figure into a fresh database and file folder, and the outboxes resume sending nothing twice', async () => {
    const files = join(work, 'files');
    const original = await startStack({ FILE_STORAGE_DIR: files }, { clock });
    const api = () => request(original.gatewayUrl);
    const as = await signIn(original, MAIN_FLOW_OFFICERS);
    const act = (code: string, auth: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
    const codes: string[] = [];
    const folder = join(work, 'backup');
    try {
      await seedCatalogBasics(original);
      await api().post('/api/v1/procedures').set('authorization', original.adminAuth).send(publishBody('1.008001')).expect(201);
      const submit = async (body: object) => {
        const code = (await api().post('/api/v1/dossiers').set('authorization', as.reception).send(body).expect(201)).body.code as string;
        codes.push(code);
        await eventually(async () => ((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception)).status === 200 ? true : undefined), 10000, 'the case to open');
        return code;
      };
      // A result on its way by post, a dossier with a scanned PDF and a photo, one in appraisal.
      const posted = await submit(counterDossier('1.008001', { resultDelivery: byPost }));
      await act(posted, as.reception, { action: 'forward' });
      await act(posted, as.specialist, { action: 'appraise', opinion: 'Đủ điều kiện' });
      await act(posted, as.leader, { action: 'approve' });
      await act(posted, as.reception, { action: 'issue_result', result: { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' } });
      const scanned = await submit(counterDossier('1.008001'));
      for (const [file, name, type] of [[buildPdf(onePageObjects('Don de nghi')), 'don.pdf', 'application/pdf'], [samplePng(4, 4), 'anh.png', 'image/png']] as const) {
        await api().post(`/api/v1/dossiers/${scanned}/documents`).set('authorization', as.reception).field('requirement', '1').attach('file', file, { filename: name, contentType: type }).expect(201);
      }
      const inAppraisal = await submit(counterDossier('1.008001', { applicant: { ...APPLICANT, name: 'Trần Thị Bích' } }));
      await act(inAppraisal, as.reception, { action: 'forward' });
      await eventually(async () => ((await api().get('/api/v1/shipments').query({ dossierCode: posted }).set('authorization', as.reception)).body.items?.[0]?.status === 'registered' ? true : undefined), 15000, 'the carrier to accept the delivery');
      await drained(original.databaseUrl);

      // Reporting away at the backup: a dossier's events to it are still in the outboxes.
      await original.stop('reporting');
      await submit(counterDossier('1.008001', { applicant: { ...APPLICANT, name: 'Lê Thị Cúc' } }));

      const backup = await script('backup', folder, { DATABASE_URL: original.databaseUrl, FILE_STORAGE_DIR: files, PG_BIN_DIR: server.binDir });
      expect(backup).toMatchObject({ code: 0 });
    } finally {
      await original.close();
    }
    // What the untouched system shows once reporting is back: the restored one must show the same.
    const resumedOriginal = await startStack({ FILE_STORAGE_DIR: files }, { clock, databaseUrl: original.databaseUrl });
    let expected: Record<string, unknown>;
    try {
      await drained(resumedOriginal.databaseUrl);
      expected = await whatClientsSee(resumedOriginal, codes);
    } finally {
      await resumedOriginal.close();
    }

    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    const documentFiles = (await queryDatabase<{ n: number }>(original.databaseUrl, 'SELECT count(*)::int AS n FROM intake.dossier_files'))[0].n;
    expect(manifest.files.items).toHaveLength(documentFiles);
    expect(manifest.database.rows['intake.dossiers']).toBe(4);

    // A damaged backup is refused before anything is written.
    const damaged = join(work, 'damaged');
    await cp(folder, damaged, { recursive: true });
    const victim = manifest.files.items[0].path as string;
    await writeFile(join(damaged, 'files', victim), 'not the document');
    const emptyDatabase = server.url('restored');
    await queryDatabase(server.url('postgres'), 'CREATE DATABASE restored');
    const restoredFiles = join(work, 'restored-files');
    const refused = await script('restore', damaged, { DATABASE_URL: emptyDatabase, FILE_STORAGE_DIR: restoredFiles, PG_BIN_DIR: server.binDir });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(victim);
    expect(await count(emptyDatabase, `SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = ANY('{${SCHEMAS.join(',')}}')`)).toBe(0);
    await expect(readdir(restoredFiles)).rejects.toThrow();

    const restore = await script('restore', folder, { DATABASE_URL: emptyDatabase, FILE_STORAGE_DIR: restoredFiles, PG_BIN_DIR: server.binDir });
    expect(restore).toMatchObject({ code: 0 });
    // Restoring onto data is refused: a restore never writes over a database in use.
    expect((await script('restore', folder, { DATABASE_URL: emptyDatabase, FILE_STORAGE_DIR: join(work, 'elsewhere'), PG_BIN_DIR: server.binDir })).output).toContain('restore into a new, empty database');

    // What was undelivered at the instant of the dump: reporting's share of the last dossier's events.
    const publishers = await schemasWith(emptyDatabase, 'outbox_deliveries');
    const deliveries = (databaseUrl: string, where: string) =>
      count(databaseUrl, `SELECT count(*)::int AS n FROM (${publishers.map((s) => `SELECT subscriber, delivered_at FROM ${s}.outbox_deliveries`).join(' UNION ALL ')}) d WHERE ${where}`);
    const pendingAtBackup = await deliveries(emptyDatabase, 'delivered_at IS NULL');
    expect(pendingAtBackup).toBeGreaterThan(0);
    const restoredAt = new Date().toISOString();
    const restored = await startStack({ FILE_STORAGE_DIR: restoredFiles }, { clock, databaseUrl: emptyDatabase });
    try {
      await drained(restored.databaseUrl);
      expect(await whatClientsSee(restored, codes)).toEqual(expected);
      // The outboxes resumed with what was undelivered at the backup, and only that: every
      // delivery made since is one that was pending, each subscriber applied each event once.
      expect(await deliveries(restored.databaseUrl, `delivered_at > '${restoredAt}'`)).toBe(pendingAtBackup);
      const subscribers = await schemasWith(restored.databaseUrl, 'inbox_events');
      expect(subscribers).toEqual(expect.arrayContaining(['workflow', 'reporting', 'intake', 'postal', 'notification']));
      for (const schema of subscribers) {
        expect({ schema, applied: await count(restored.databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.inbox_events`) }).toEqual({
          schema,
          applied: await count(restored.databaseUrl, `SELECT count(*)::int AS n FROM (${publishers.map((s) => `SELECT e.id FROM ${s}.outbox_events e JOIN ${s}.outbox_deliveries d ON d.event_seq = e.seq WHERE d.subscriber = '${schema}'`).join(' UNION ALL ')}) sent`),
        });
      }
      expect(await count(restored.databaseUrl, 'SELECT count(*)::int AS n FROM reporting.dossier_facts')).toBe(4);
      expect(await count(restored.databaseUrl, `SELECT coalesce(sum(received), 0)::int AS n FROM reporting.dossier_rollup WHERE grain = 'D'`)).toBe(4);
      // The restored system goes on working: a new dossier, its code the next of the day's sequence.
      const next = (await request(restored.gatewayUrl).post('/api/v1/dossiers').set('authorization', await restored.tokenFor(MAIN_FLOW_OFFICERS.reception)).send(counterDossier('1.008001')).expect(201)).body.code as string;
      expect(Number(next.slice(-4))).toBe(Math.max(...codes.map((c) => Number(c.slice(-4)))) + 1);
    } finally {
      await restored.close();
    }
  });
});
