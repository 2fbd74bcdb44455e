import pg from 'pg';
import type { Role } from '@onestop/domain';
import { type Stack, startStack } from '../test/stack.js';
import { SERVICE_CENTRE } from '../test/fixtures/catalog.js';
import { prepareCatalog } from './lib/catalog.js';
import { benchDatabase, benchServer, dropDatabase } from './lib/postgres.js';
import type { ProcessReading } from './lib/proc.js';
import { startProcessStack } from './lib/process-stack.js';
import { statementCounter } from './lib/statements.js';
import { closesConnection, type LoadFigures, loadRun, type LoadOptions, record, sampleMemory } from './lib/report.js';

/** Concurrent clients of the submission load, and of the pg pool of the database ceiling. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DRAIN_TIMEOUT_MS = 180_000;
/** Each one-request-at-a-time run of the gateway's cost. */
const SEQUENTIAL_SECONDS = 3;
const PROCEDURE = '1.006101';

/**
 * The settings the services run with: the production defaults of the outbox and the service
 * client (README's configuration table), not the stack's test-speed ones.
 */
const SETTINGS = { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '500', OUTBOX_MAX_BACKOFF_MS: '60000', HTTP_TIMEOUT_MS: '5000' };

/** A complete counter dossier, as a reception officer submits it (see test/intake.e2e.spec.ts). */
export const DOSSIER = {
  procedureCode: PROCEDURE,
  agencyCode: SERVICE_CENTRE,
  channel: 'counter',
  applicant: {
    kind: 'person',
    name: 'Nguyễn Văn An',
    idNumber: '035090001234',
    phone: '0912345678',
    email: 'an.nguyen@example.vn',
    address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' },
  },
  documents: [{ requirement: 1 }, { requirement: 2, quantity: 1 }],
  resultDelivery: { method: 'counter' },
};

interface Progress {
  events: number;
  deliveries: number;
  pending: number;
  lastActivity: Date | null;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** DossierReceived events after `afterSeq`, their deliveries, how many are still pending, and the last commit or delivery. */
async function progress(db: pg.Pool, afterSeq: number): Promise<Progress> {
  const { rows } = await db.query<Progress>(
    `SELECT count(DISTINCT e.seq)::int AS events,
            count(d.event_seq)::int AS deliveries,
            (count(d.event_seq) FILTER (WHERE d.delivered_at IS NULL))::int AS pending,
            greatest(max(e.occurred_at), max(d.delivered_at)) AS "lastActivity"
       FROM intake.outbox_events e LEFT JOIN intake.outbox_deliveries d ON d.event_seq = e.seq
      WHERE e.type = 'DossierReceived' AND e.seq > $1`,
    [afterSeq],
  );
  return rows[0];
}

/** Waits until every DossierReceived after `afterSeq` is delivered to every subscriber and no new one appeared for a second. */
async function drain(db: pg.Pool, afterSeq: number): Promise<{ state: Progress; drained: boolean }> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let previous = await progress(db, afterSeq);
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    const state = await progress(db, afterSeq);
    if (state.events !== previous.events || state.pending > 0) stableSince = Date.now();
    previous = state;
    if (state.pending === 0 && Date.now() - stableSince >= 1000) return { state, drained: true };
  }
  return { state: previous, drained: false };
}

/** The database's ceiling: `count` plain single-row INSERTs (autocommit) from a pool of `connections`. */
async function insertCeiling(databaseUrl: string, count: number, connections: number): Promise<{ inserts: number; seconds: number; insertsPerSecond: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    await pool.query(`CREATE TABLE public.bench_inserts (id bigserial PRIMARY KEY, code text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    // Open every connection before the clock starts.
    await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
    const payload = JSON.stringify(DOSSIER);
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < count) {
          const n = next++;
          await pool.query('INSERT INTO public.bench_inserts (code, payload) VALUES ($1, $2)', [`bench-${n}`, payload]);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { inserts: count, seconds: round(seconds, 3), insertsPerSecond: Math.round(count / seconds) };
  } finally {
    await pool.end();
  }
}

/**
 * A reception officer's counter dossiers through the gateway, a fresh Idempotency-Key on each,
 * checked by one probe submission first. `keepsAlive`: the gateway did not answer
 * `Connection: close` (each request would otherwise open a connection of its own).
 */
async function prepareSubmissions(stack: {
  gatewayUrl: string;
  tokenFor(claims: { subject: string; roles: Role[]; agencyCodes?: string[]; name?: string }): Promise<string>;
}): Promise<{ submissions: LoadOptions; dossiersUrl: string; keepsAlive: boolean }> {
  const reception = await stack.tokenFor({ subject: 'bench-reception', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Cán bộ một cửa' });
  const submissions: LoadOptions = {
    method: 'POST',
    connections: CONNECTIONS,
    headers: { authorization: reception, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
    body: JSON.stringify(DOSSIER),
    idReplacement: true,
  };
  const dossiersUrl = `${stack.gatewayUrl}/api/v1/dossiers`;
  const probe = await fetch(dossiersUrl, { method: 'POST', headers: { ...submissions.headers, 'idempotency-key': 'bench-probe' }, body: submissions.body });
  if (probe.status !== 201) throw new Error(`probe submission: HTTP ${probe.status} ${await probe.text()}`);
  const keepsAlive = !closesConnection(probe);
  await probe.arrayBuffer();
  return { submissions, dossiersUrl, keepsAlive };
}

/**
 * The same submissions to the system as `npm start` runs it: one Node process per service, so
 * the services share the two cores with PostgreSQL as in production rather than one event loop.
 * Besides the rates, where the CPU goes: each process's CPU time over the load and the drain of
 * its events, per dossier received.
 */
async function submissionsAsNpmStartRunsIt(): Promise<Record<string, unknown>> {
  const database = await benchDatabase('intake_processes', { statementStats: true });
  const statements = await statementCounter(database.url);
  const stack = await startProcessStack(database.url, { ...SETTINGS, RATE_LIMIT_PER_MINUTE: '1000000' });
  const db = new pg.Pool({ connectionString: statements?.observerUrl ?? database.url, max: 2 });
  let sampling: NodeJS.Timeout | undefined;
  try {
    await prepareCatalog(stack, PROCEDURE);
    const { submissions, dossiersUrl } = await prepareSubmissions(stack);
    await loadRun('warm-up (npm start)', dossiersUrl, { ...submissions, durationSeconds: 2 });
    const warm = await drain(db, 0);
    if (!warm.drained) throw new Error(`warm-up events did not drain: ${JSON.stringify(warm.state)}`);
    // The gateway in a process of its own, as in production, on a system at rest (nothing left
    // to deliver): what it costs there. Then the submissions' events drain before the load.
    const gateway = await gatewayCost({ gatewayUrl: stack.gatewayUrl, catalogUrl: stack.urlOf('catalog'), intakeUrl: stack.urlOf('intake') }, submissions);
    const rested = await drain(db, 0);
    if (!rested.drained) throw new Error(`the gateway's submissions did not drain: ${JSON.stringify(rested.state)}`);
    await sleep(2000);
    const baselineSeq = Number((await db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM intake.outbox_events`)).rows[0].seq);
    await statements?.reset();

    let peakPssKiB = 0;
    sampling = setInterval(() => {
      void stack.processes({ postgres: true }).then((processes) => {
        peakPssKiB = Math.max(peakPssKiB, processes.reduce((sum, p) => sum + p.pssKiB, 0));
      });
    }, 500);
    const before = await stack.processes({ postgres: true });
    const run = await loadRun('submit a counter dossier (POST /api/v1/dossiers through the gateway, npm start)', dossiersUrl, { ...submissions, durationSeconds: LOAD_SECONDS });
    const loadSeconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
    const drained = await drain(db, baselineSeq);
    const after = await stack.processes({ postgres: true });
    clearInterval(sampling);
    sampling = undefined;
    const lastActivity = drained.state.lastActivity ? drained.state.lastActivity.getTime() : run.finishedAt.getTime();
    const drainSeconds = Math.max(0, lastActivity - run.finishedAt.getTime()) / 1000;

    // CPU seconds per part between the two readings; a process that started in between counts whole.
    const earlier = new Map(before.map((p) => [p.pid, p.cpuSeconds]));
    const cpuByPart: Record<string, number> = {};
    for (const p of after as ProcessReading[]) cpuByPart[p.part] = (cpuByPart[p.part] ?? 0) + p.cpuSeconds - (earlier.get(p.pid) ?? 0);
    const received = drained.state.events;
    const cpuSeconds = Object.values(cpuByPart).reduce((sum, s) => sum + s, 0);
    const created = run.statusCodes['201'] ?? 0;
    const counted = await statements?.read();
    const perDossier = (count: number) => round(count / Math.max(received, 1), 1);
    return {
      gateway,
      // Every service's statements to the database over the load and the drain, per dossier received
      // (background work such as the relays' polls included, as it is part of what the system costs).
      sqlStatements: counted
        ? {
            perDossier: perDossier(counted.total),
            perDossierWithoutTransactionControl: perDossier(counted.withoutTransactionControl),
            targetPerDossierAtMost: SQL_STATEMENTS_TARGET,
            met: perDossier(counted.total) <= SQL_STATEMENTS_TARGET,
            mostCalled: counted.mostCalled.map((s) => ({ perDossier: perDossier(s.calls), query: s.query })),
          }
        : null,
      ...run.figures,
      statusCodes: run.statusCodes,
      loadSeconds: round(loadSeconds, 3),
      submissionsPerSecond: Math.round(created / loadSeconds),
      dossiersReceived: received,
      drained: drained.drained,
      drainSeconds: round(drainSeconds, 3),
      cpuMsPerDossier: Object.fromEntries(
        Object.entries(cpuByPart)
          .filter(([, seconds]) => seconds > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([part, seconds]) => [part, round((seconds * 1000) / Math.max(received, 1), 2)]),
      ),
      cpuMsPerDossierTotal: round((cpuSeconds * 1000) / Math.max(received, 1), 2),
      cpuMsPerDossierTarget: CPU_MS_PER_DOSSIER_TARGET,
      cpuMet: (cpuSeconds * 1000) / Math.max(received, 1) <= CPU_MS_PER_DOSSIER_TARGET,
      submissionsPerSecondTarget: SUBMISSIONS_PER_SECOND_TARGET,
      submissionsPerSecondMet: Math.round(created / loadSeconds) >= SUBMISSIONS_PER_SECOND_TARGET,
      coresBusy: round(cpuSeconds / (loadSeconds + drainSeconds), 2),
      stackPeakPssMiB: Math.round(peakPssKiB / 1024),
    };
  } finally {
    clearInterval(sampling);
    await db.end();
    await statements?.close();
    await stack.close();
    await database.stop();
  }
}

/** Issue 19: per dossier received and delivered, across services. */
const SQL_STATEMENTS_TARGET = 12;
const CPU_MS_PER_DOSSIER_TARGET = 8;
const SUBMISSIONS_PER_SECOND_TARGET = 220;

/** A dossier's case should open well before a front-end acts on it (issue: under 50 ms). */
const DELIVERY_LAG_TARGET_MS = 50;

async function lastDossierReceivedSeq(db: pg.Pool): Promise<number> {
  return Number((await db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM intake.outbox_events WHERE type = 'DossierReceived'`)).rows[0].seq);
}

/** Committed → delivered, per delivery of the DossierReceived events after `afterSeq` (up to `untilSeq`). */
async function deliveryLag(db: pg.Pool, afterSeq: number, untilSeq = Number.MAX_SAFE_INTEGER): Promise<{ events: number; p50: number | null; p99: number | null; max: number | null; spanSeconds: number | null }> {
  const [lag] = (
    await db.query<{ events: number; p50: number | null; p99: number | null; max: number | null; spanSeconds: number | null }>(
      `SELECT count(DISTINCT seq)::int AS events, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max,
              extract(epoch FROM max(delivered_at) - min(delivered_at))::float8 AS "spanSeconds"
         FROM (SELECT e.seq, extract(epoch FROM d.delivered_at - e.occurred_at) * 1000 AS ms, d.delivered_at
                 FROM intake.outbox_deliveries d JOIN intake.outbox_events e ON e.seq = d.event_seq
                WHERE e.type = 'DossierReceived' AND e.seq > $1 AND e.seq <= $2 AND d.delivered_at IS NOT NULL) lags`,
      [afterSeq, Math.min(untilSeq, 9e15)],
    )
  ).rows;
  return lag;
}

/** The gateway's targets (issue 19): under load, and what it adds one request at a time. */
const GATEWAY_TARGETS = { throughputRatioAtLeast: 0.6, addedReadMsAtMost: 0.25, addedSubmissionMsAtMost: 1 };

/**
 * The gateway's cost: the same catalog read through the gateway and straight to catalog under
 * load; then one connection sending one request at a time, the read and the submission through
 * the gateway and straight to the service (the services check the bearer token themselves).
 */
async function gatewayCost(urls: { gatewayUrl: string; catalogUrl: string; intakeUrl: string }, submissions: LoadOptions): Promise<Record<string, unknown>> {
  const read = `/api/v1/procedures/${PROCEDURE}`;
  const keepsAlive: Record<string, boolean> = {};
  for (const [where, base] of [['gateway', urls.gatewayUrl], ['catalog', urls.catalogUrl]]) {
    const response = await fetch(`${base}${read}`);
    if (!response.ok) throw new Error(`GET ${base}${read}: HTTP ${response.status}`);
    keepsAlive[where] = !closesConnection(response);
    await response.arrayBuffer();
  }
  const viaGateway = (await loadRun(`GET ${read} through the gateway`, `${urls.gatewayUrl}${read}`, { connections: CONNECTIONS, durationSeconds: 4 })).figures;
  const direct = (await loadRun(`GET ${read} straight to catalog`, `${urls.catalogUrl}${read}`, { connections: CONNECTIONS, durationSeconds: 4 })).figures;
  // What the gateway adds to the latency one client sees, one request at a time.
  const oneAtATime = { connections: 1, durationSeconds: SEQUENTIAL_SECONDS };
  const sequential = {
    read: {
      viaGateway: (await loadRun(`GET ${read} through the gateway`, `${urls.gatewayUrl}${read}`, oneAtATime)).figures,
      direct: (await loadRun(`GET ${read} straight to catalog`, `${urls.catalogUrl}${read}`, oneAtATime)).figures,
    },
    submission: {
      viaGateway: (await loadRun('POST /api/v1/dossiers through the gateway', `${urls.gatewayUrl}/api/v1/dossiers`, { ...submissions, ...oneAtATime })).figures,
      direct: (await loadRun('POST /api/v1/dossiers straight to intake', `${urls.intakeUrl}/api/v1/dossiers`, { ...submissions, ...oneAtATime })).figures,
    },
  };
  // One request at a time, so each takes 1 s ÷ the rate: exact where autocannon's latencies are
  // whole milliseconds, about what a read takes.
  const perRequestMs = (figures: LoadFigures) => 1000 / figures.throughputPerSecond;
  const added = (pair: { viaGateway: LoadFigures; direct: LoadFigures }, targetMs: number) => {
    const addedMeanMs = round(perRequestMs(pair.viaGateway) - perRequestMs(pair.direct), 2);
    return { addedMeanMs, addedShareOfDirectMean: round(addedMeanMs / perRequestMs(pair.direct), 3), targetAddedMsAtMost: targetMs, met: addedMeanMs <= targetMs };
  };
  const throughputRatio = round(viaGateway.throughputPerSecond / direct.throughputPerSecond, 3);
  return {
    viaGateway,
    direct,
    throughputRatio,
    throughputRatioTarget: GATEWAY_TARGETS.throughputRatioAtLeast,
    throughputRatioMet: throughputRatio >= GATEWAY_TARGETS.throughputRatioAtLeast,
    addedP50Ms: viaGateway.p50Ms - direct.p50Ms,
    addedP99Ms: viaGateway.p99Ms - direct.p99Ms,
    // A server that answers `Connection: close` makes every request open a new connection.
    keepsConnectionsAlive: keepsAlive,
    oneAtATime: {
      seconds: SEQUENTIAL_SECONDS,
      read: { ...sequential.read, ...added(sequential.read, GATEWAY_TARGETS.addedReadMsAtMost) },
      submission: { ...sequential.submission, ...added(sequential.submission, GATEWAY_TARGETS.addedSubmissionMsAtMost) },
    },
  };
}

export async function runIntakeSubmission(): Promise<void> {
  const memory = sampleMemory();
  const server = await benchServer();
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  let stack: Stack | undefined;
  let db: pg.Pool | undefined;
  let figures: Record<string, unknown>;
  try {
    const bootStarted = Date.now();
    stack = await startStack(SETTINGS);
    const bootSeconds = (Date.now() - bootStarted) / 1000;
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
    await prepareCatalog(stack, PROCEDURE);
    const { submissions, dossiersUrl, keepsAlive: submissionKeepsAlive } = await prepareSubmissions(stack);
    // Who receives DossierReceived (EVENT_SUBSCRIPTIONS in libs/domain): one delivery row each.
    const subscribers = (await db.query<{ subscriber: string }>(`SELECT subscriber FROM intake.outbox_deliveries ORDER BY subscriber`)).rows.map((r) => r.subscriber);

    // Warm up (JIT, connection pools, token caches), then let its events drain.
    await loadRun('warm-up', dossiersUrl, { ...submissions, durationSeconds: 2 });
    const warm = await drain(db, 0);
    if (!warm.drained) throw new Error(`warm-up events did not drain: ${JSON.stringify(warm.state)}`);
    const baselineSeq = Number((await db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM intake.outbox_events`)).rows[0].seq);
    memory.resetWindow();
    const rssAfterWarmUpMiB = Math.round(process.memoryUsage().rss / 2 ** 20);

    const run = await loadRun('submit a counter dossier (POST /api/v1/dossiers through the gateway)', dossiersUrl, { ...submissions, durationSeconds: LOAD_SECONDS });
    const loadSeconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
    const drained = await drain(db, baselineSeq);
    const underLoad = memory.resetWindow();
    const { state } = drained;
    const lastActivity = state.lastActivity ? state.lastActivity.getTime() : run.finishedAt.getTime();
    const drainSeconds = Math.max(0, lastActivity - run.finishedAt.getTime()) / 1000;
    const lag = await deliveryLag(db, baselineSeq);
    const created = run.statusCodes['201'] ?? 0;
    const submissionsPerSecond = Math.round(created / loadSeconds);

    const ceiling = await insertCeiling(stack.databaseUrl, Math.max(state.events, 1), CONNECTIONS);

    const beforeSequential = await lastDossierReceivedSeq(db);
    const gateway = await gatewayCost({ gatewayUrl: stack.gatewayUrl, catalogUrl: stack.urlOf('catalog'), intakeUrl: stack.urlOf('intake') }, submissions);
    // The delivery lag of a dossier received while the system is not saturated: the relay starts
    // at the commit (nudged), so this is what an officer waits for the case after the receipt.
    const afterSequential = await lastDossierReceivedSeq(db);
    await drain(db, beforeSequential);
    const unloadedLag = await deliveryLag(db, beforeSequential, afterSequential);
    figures = {
      settings: { connections: CONNECTIONS, loadSeconds: LOAD_SECONDS, database: server.kind, ...SETTINGS, idempotencyKey: 'a fresh one per request' },
      bootSeconds: round(bootSeconds),
      submissions: {
        ...run.figures,
        statusCodes: run.statusCodes,
        loadSeconds: round(loadSeconds, 3),
        submissionsPerSecond,
        gatewayKeepsConnectionAlive: submissionKeepsAlive,
      },
      events: {
        dossiersReceived: state.events,
        subscribersOfDossierReceived: subscribers,
        deliveries: state.deliveries,
        undelivered: state.pending,
        drained: drained.drained,
        drainSeconds: round(drainSeconds, 3),
        deliveryLagMs: { p50: lag.p50 === null ? null : Math.round(lag.p50), p99: lag.p99 === null ? null : Math.round(lag.p99), max: lag.max === null ? null : Math.round(lag.max) },
        endToEndPerSecond: Math.round(state.events / (loadSeconds + drainSeconds)),
        // How fast the relay delivered: deliveries ÷ (last delivery − first delivery).
        relayDeliveriesPerSecond: lag.spanSeconds ? Math.round(state.deliveries / lag.spanSeconds) : null,
        // Dossiers submitted one at a time (the one-at-a-time phase below): the lag a front-end sees.
        oneAtATimeDeliveryLagMs: {
          events: unloadedLag.events,
          p50: unloadedLag.p50 === null ? null : Math.round(unloadedLag.p50),
          p99: unloadedLag.p99 === null ? null : Math.round(unloadedLag.p99),
          targetP50Ms: DELIVERY_LAG_TARGET_MS,
          met: unloadedLag.p50 !== null && unloadedLag.p50 < DELIVERY_LAG_TARGET_MS,
        },
      },
      databaseCeiling: { ...ceiling, connections: CONNECTIONS, submissionsToInserts: round(submissionsPerSecond / ceiling.insertsPerSecond, 3) },
      memory: { rssAfterWarmUpMiB, peakRssUnderLoadMiB: underLoad.nodeRssMiB, peakRssMiB: memory.peak().nodeRssMiB, stackPssUnderLoadMiB: underLoad.stackPssMiB, stackPeakPssMiB: memory.peak().stackPssMiB },
      gateway,
    };
  } finally {
    memory.stop();
    await db?.end();
    await stack?.close();
    if (stack) await dropDatabase(server.url, stack.databaseUrl).catch(() => undefined);
    await server.stop();
  }
  // After the single-process stack and its server are gone: the machine is the other stack's alone.
  const asNpmStartRunsIt = await submissionsAsNpmStartRunsIt();
  const ceiling = (figures.databaseCeiling as { insertsPerSecond: number }).insertsPerSecond;
  await record('intake-submission', {
    ...figures,
    asNpmStartRunsIt: { ...asNpmStartRunsIt, submissionsToInserts: round((asNpmStartRunsIt.submissionsPerSecond as number) / ceiling, 3) },
  });
}
