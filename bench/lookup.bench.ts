import pg from 'pg';
import { FixedClock } from '@onestop/platform';
import { type Stack, startStack } from '../test/stack.js';
import { DEPARTMENT, SERVICE_CENTRE } from '../test/fixtures/catalog.js';
import { DOSSIER } from './intake-submission.bench.js';
import { drained, lastSeq, waitFor } from './lib/outbox.js';
import { prepareCatalog } from './lib/catalog.js';
import { benchServer, dropDatabase } from './lib/postgres.js';
import { closesConnection, type LoadFigures, loadRun, type LoadRun, record, sampleMemory } from './lib/report.js';

/** Dossiers received before the lookups (all on one day at one agency: codes have four digits a day). */
const DOSSIERS = Number(process.env.BENCH_LOOKUP_DOSSIERS ?? 2000);
/** A quarter of the applicants have the result sent by post: their lookup also asks postal for the tracking. */
const BY_POST = Math.round(DOSSIERS / 4);
/** Of those, this many are taken through processing to the result, so they carry a shipment with its tracking. */
const RESULTS_BY_POST = Math.min(BY_POST, Math.max(1, Math.round(DOSSIERS / 20)));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROCEDURE = '1.006101';
/** The services' clock, as in the workflow scenario: a Monday at 10:00 in Hà Nội. */
const NOW = '2026-03-16T10:00:00+07:00';

/**
 * The production defaults for the outbox and the service client. The gateway's rate limit is
 * per client: the subject of a credential, the address for anonymous callers such as the
 * lookup. Its production default (600 a minute) would answer every request of this load,
 * which all comes from 127.0.0.1, with a 429 after the first 600, so it is raised to its
 * maximum: the limiter still counts every request (its cost is in the figures) but refuses none.
 */
const SETTINGS = {
  LOG_LEVEL: 'error',
  OUTBOX_POLL_MS: '500',
  OUTBOX_MAX_BACKOFF_MS: '60000',
  HTTP_TIMEOUT_MS: '5000',
  RATE_LIMIT_PER_MINUTE: '1000000',
};

/** The same counter dossier, its result sent to the applicant by post (see test/postal.e2e.spec.ts). */
const BY_POST_DOSSIER = {
  ...DOSSIER,
  resultDelivery: {
    method: 'post',
    address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' },
    receiverName: 'Nguyễn Thị Hoa',
    receiverPhone: '0987654321',
  },
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Receipt {
  code: string;
  secret: string;
  byPost: boolean;
}

const lookupPath = (r: Receipt) => `/api/v1/lookup?code=${encodeURIComponent(r.code)}&secret=${encodeURIComponent(r.secret)}`;

/** A run's figures with its answers by status and how many different dossiers it looked up. */
function lookupFigures(run: LoadRun): LoadFigures & { statusCodes: Record<string, number>; dossiersLookedUp?: number; requestsOnARepeatedDossier?: number } {
  return { ...run.figures, statusCodes: run.statusCodes, dossiersLookedUp: run.pathsUsed, requestsOnARepeatedDossier: run.pathsReused };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** How PostgreSQL runs one of the lookup's statements (EXPLAIN ANALYZE): the scans it uses and the time. */
async function explain(db: pg.Pool, statement: string, sql: string, params: unknown[]): Promise<{ statement: string; scans: string[]; executionMs: number }> {
  const { rows } = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const [explained] = rows[0]['QUERY PLAN'];
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (/Scan/.test(node['Node Type'])) scans.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`);
    node.Plans?.forEach(walk);
  };
  walk(explained.Plan);
  return { statement, scans, executionMs: round(explained['Execution Time'], 3) };
}

export async function runLookup(): Promise<void> {
  if (DOSSIERS > 9000) throw new Error('BENCH_LOOKUP_DOSSIERS: at most 9,000 (dossier codes have four digits a day and the clock is fixed)');
  const memory = sampleMemory();
  const server = await benchServer();
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  const clock = new FixedClock(new Date(NOW));
  let stack: Stack | undefined;
  let db: pg.Pool | undefined;
  try {
    const bootStarted = Date.now();
    stack = await startStack(SETTINGS, { clock });
    const bootSeconds = (Date.now() - bootStarted) / 1000;
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
    await prepareCatalog(stack, PROCEDURE);
    const reception = await stack.tokenFor({ subject: 'bench-reception', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Cán bộ một cửa' });
    const specialist = await stack.tokenFor({ subject: 'bench-specialist', roles: ['specialist'], agencyCodes: [DEPARTMENT], name: 'Chuyên viên Sở' });
    const leader = await stack.tokenFor({ subject: 'bench-leader', roles: ['leader'], agencyCodes: [DEPARTMENT], name: 'Lãnh đạo Sở' });

    // 1. The dossiers, submitted through the gateway by a reception officer as in intake-submission.
    const submit = (what: string, body: object, amount: number, key: string) =>
      loadRun(what, `${stack!.gatewayUrl}/api/v1/dossiers`, {
        method: 'POST',
        connections: CONNECTIONS,
        amount,
        headers: { authorization: reception, 'content-type': 'application/json', 'idempotency-key': `${key}-[<id>]` },
        body: JSON.stringify(body),
        idReplacement: true,
      });
    const submitStarted = Date.now();
    const atCounter = await submit('submit dossiers, result at the counter', DOSSIER, DOSSIERS - BY_POST, 'bench-lookup-counter');
    const byPost = BY_POST > 0 ? await submit('submit dossiers, result by post', BY_POST_DOSSIER, BY_POST, 'bench-lookup-post') : undefined;
    const submitSeconds = (Date.now() - submitStarted) / 1000;
    const received = (atCounter.statusCodes['201'] ?? 0) + (byPost?.statusCodes['201'] ?? 0);
    if (received < DOSSIERS) throw new Error(`${received} of ${DOSSIERS} dossiers received (${JSON.stringify([atCounter.statusCodes, byPost?.statusCodes])})`);
    await drained(db, 'intake', 'DossierReceived', 0, DOSSIERS);

    // 2. Some results by post: forward, appraise, approve, issue the result; postal then
    // registers the delivery with the (simulated) carrier, and the lookup shows its tracking.
    const toResult = (
      await db.query<{ code: string }>(`SELECT code FROM intake.dossiers WHERE result_delivery->>'method' = 'post' ORDER BY code LIMIT $1`, [RESULTS_BY_POST])
    ).rows.map((r) => r.code);
    const beforeActions = await lastSeq(db, 'workflow');
    const paths = toResult.map((code) => `/api/v1/cases/${encodeURIComponent(code)}/actions`);
    const steps: Array<[string, string, object]> = [
      ['forward', reception, { action: 'forward' }],
      ['appraise', specialist, { action: 'appraise', opinion: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt' }],
      ['approve', leader, { action: 'approve' }],
      ['issue_result', reception, { action: 'issue_result', result: { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' } }],
    ];
    for (const [action, auth, body] of steps) {
      const acted = await loadRun(`${action} the cases of results by post`, stack.gatewayUrl, {
        method: 'POST',
        connections: CONNECTIONS,
        amount: paths.length,
        paths,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if ((acted.statusCodes['200'] ?? 0) !== paths.length) throw new Error(`${action}: ${JSON.stringify(acted.statusCodes)}`);
    }
    // Each action's DossierStatusChanged reaches intake (the lookup's progress), and each result
    // a registered shipment at postal, with its tracking.
    if (toResult.length) await drained(db, 'workflow', 'DossierStatusChanged', beforeActions, 1);
    await waitFor('postal to register the deliveries with the carrier', async () => {
      const { rows } = await db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM postal.shipments WHERE dossier_code = ANY($1) AND tracking_number IS NOT NULL`, [toResult]);
      return rows[0].n >= toResult.length ? rows[0].n : undefined;
    });
    // Nothing left for the relays (postal's shipment news included) before the lookups start.
    const outboxes = (await db.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox_deliveries'`)).rows.map((r) => r.schema);
    await waitFor('every outbox to be delivered', async () => {
      const pending = await db!.query<{ n: number }>(outboxes.map((schema) => `SELECT count(*)::int AS n FROM ${schema}.outbox_deliveries WHERE delivered_at IS NULL`).join(' UNION ALL '));
      return pending.rows.every((r) => r.n === 0) ? true : undefined;
    });
    const prepareSeconds = (Date.now() - submitStarted) / 1000;
    const [data] = (
      await db.query<{ historyRows: number; maxHistory: number; shipments: number; trackingEvents: number; statuses: Record<string, number> }>(
        `SELECT (SELECT count(*) FROM intake.dossier_history)::int AS "historyRows",
                (SELECT max(n) FROM (SELECT count(*) AS n FROM intake.dossier_history GROUP BY dossier_code) h)::int AS "maxHistory",
                (SELECT count(*) FROM postal.shipments)::int AS shipments,
                (SELECT count(*) FROM postal.shipment_events)::int AS "trackingEvents",
                (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM intake.dossiers GROUP BY status) s) AS statuses`,
      )
    ).rows;

    // 3. The receipts' codes and lookup codes, in an order unrelated to the codes (md5), so the
    // requests in flight are on different dossiers.
    const receipts = (
      await db.query<Receipt>(`SELECT code, lookup_secret AS secret, result_delivery->>'method' = 'post' AS "byPost" FROM intake.dossiers ORDER BY md5(code)`)
    ).rows;
    const all = receipts.map(lookupPath);
    const keepsAlive: Record<string, boolean> = {};
    const answerBytes: Record<string, number> = {};
    const samples: Array<[string, Receipt]> = [
      ['resultAtCounter', receipts.find((r) => !r.byPost)!],
      ...(toResult.length ? [['resultByPostWithTracking', receipts.find((r) => r.code === toResult[0])!] as [string, Receipt]] : []),
    ];
    for (const [where, base] of [['gateway', stack.gatewayUrl], ['intake', stack.urlOf('intake')]]) {
      for (const [kind, receipt] of samples) {
        const response = await fetch(`${base}${lookupPath(receipt)}`);
        if (response.status !== 200) throw new Error(`lookup of ${receipt.code} via ${where}: HTTP ${response.status} ${await response.text()}`);
        keepsAlive[where] = !closesConnection(response);
        const body = await response.text();
        answerBytes[kind] = Buffer.byteLength(body);
        const view = JSON.parse(body) as { shipments: unknown[] | null };
        if (kind === 'resultByPostWithTracking' && !view.shipments?.length) throw new Error(`lookup of ${receipt.code}: no shipment in ${body}`);
      }
    }
    const wrong = await fetch(`${stack.gatewayUrl}${lookupPath({ ...receipts[0], secret: 'AAAAAAAAAAAA' })}`);
    if (wrong.status !== 404) throw new Error(`lookup with a wrong lookup code: HTTP ${wrong.status}`);
    await wrong.arrayBuffer();

    // 4. The lookup under load: every request on the next dossier of the list.
    const lookups = (paths: string[], durationSeconds = LOAD_SECONDS) => ({ connections: CONNECTIONS, durationSeconds, paths });
    await loadRun('warm-up: lookup', stack.gatewayUrl, lookups(all, 2));
    memory.resetWindow();
    const rssAfterWarmUpMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const viaGateway = lookupFigures(await loadRun('GET /api/v1/lookup through the gateway', stack.gatewayUrl, lookups(all)));
    const direct = lookupFigures(await loadRun('GET /api/v1/lookup straight to intake', stack.urlOf('intake'), lookups(all)));
    // What postal's tracking adds: only dossiers with the result at the counter, then only those by post.
    const counterOnly = lookupFigures(
      await loadRun('straight to intake, results at the counter only (no call to postal)', stack.urlOf('intake'), lookups(receipts.filter((r) => !r.byPost).map(lookupPath), 4)),
    );
    const postOnly = BY_POST
      ? lookupFigures(await loadRun('straight to intake, results by post only (intake asks postal)', stack.urlOf('intake'), lookups(receipts.filter((r) => r.byPost).map(lookupPath), 4)))
      : undefined;
    const underLoad = memory.resetWindow();

    // 5. The statements behind one lookup, as the services send them.
    const sample = samples.at(-1)![1];
    const shipmentIds = (await db.query<{ id: string }>(`SELECT id FROM postal.shipments WHERE dossier_code = $1`, [sample.code])).rows.map((r) => r.id);
    const plans = [
      await explain(db, 'intake: the dossier by code', `SELECT * FROM intake.dossiers WHERE code = $1 LIMIT 1`, [sample.code]),
      await explain(
        db,
        'intake: its progress',
        `SELECT status, national_status, at, unit_code, unit_name, content, appointment_at FROM intake.dossier_history WHERE dossier_code = $1 ORDER BY at, id`,
        [sample.code],
      ),
      await explain(db, 'postal: its shipments', `SELECT * FROM postal.shipments WHERE dossier_code = $1 ORDER BY created_at`, [sample.code]),
      await explain(db, 'postal: their tracking', `SELECT * FROM postal.shipment_events WHERE shipment_id = ANY($1::uuid[]) ORDER BY id`, [shipmentIds]),
    ];

    await record('lookup', {
      settings: { connections: CONNECTIONS, loadSeconds: LOAD_SECONDS, database: server.kind, clock: NOW, ...SETTINGS },
      bootSeconds: round(bootSeconds),
      dossiers: {
        received,
        resultByPost: BY_POST,
        resultsIssuedByPost: toResult.length,
        byStatus: data.statuses,
        progressRows: data.historyRows,
        mostProgressRowsOfOne: data.maxHistory,
        shipments: data.shipments,
        trackingEvents: data.trackingEvents,
        submitSeconds: round(submitSeconds, 1),
        prepareSeconds: round(prepareSeconds, 1),
        answerBytes,
      },
      lookup: {
        viaGateway,
        direct,
        throughputRatio: round(viaGateway.throughputPerSecond / direct.throughputPerSecond, 3),
        addedP50Ms: viaGateway.p50Ms - direct.p50Ms,
        addedP99Ms: viaGateway.p99Ms - direct.p99Ms,
        keepsConnectionsAlive: keepsAlive,
      },
      byResultDelivery: { counter: counterOnly, post: postOnly },
      plans,
      memory: { rssAfterWarmUpMiB, peakRssUnderLoadMiB: underLoad.nodeRssMiB, peakRssMiB: memory.peak().nodeRssMiB, stackPssUnderLoadMiB: underLoad.stackPssMiB, stackPeakPssMiB: memory.peak().stackPssMiB },
    });
  } finally {
    memory.stop();
    await db?.end();
    await stack?.close();
    if (stack) await dropDatabase(server.url, stack.databaseUrl).catch(() => undefined);
    await server.stop();
  }
}
