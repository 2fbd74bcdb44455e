import pg from 'pg';
import { FixedClock, WorkingCalendarClient } from '@onestop/platform';
import { WorkflowConfig } from '../apps/workflow/src/config.js';
import { LATENESS_SWEEP_BATCH_STATEMENT } from '../apps/workflow/src/cases/cases.repository.js';
import { LatenessSweepService, SWEEP_BATCH, type SweepOutcome } from '../apps/workflow/src/lateness/lateness-sweep.service.js';
import { type Stack, startStack } from '../test/stack.js';
import { DEPARTMENT, SERVICE_CENTRE } from '../test/fixtures/catalog.js';
import { DOSSIER } from './intake-submission.bench.js';
import { drained, lastSeq } from './lib/outbox.js';
import { prepareCatalog } from './lib/catalog.js';
import { benchServer, dropDatabase } from './lib/postgres.js';
import { type LoadFigures, loadRun, record, sampleMemory } from './lib/report.js';

/** Cases acted on in the measured load (one `forward` each), after WARM_CASES for the warm-up. */
const CASES = Number(process.env.BENCH_CASES ?? 800);
const WARM_CASES = Math.min(200, Math.max(20, Math.round(CASES / 5)));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Open cases the lateness sweep runs over. */
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 1_000_000);
const PROCEDURE = '1.006101';
/** The services' clock: a Monday at 10:00 in Hà Nội; the third sweep runs a day later. */
const NOW = '2026-03-16T10:00:00+07:00';

/**
 * The services' production defaults for the outbox and the service client, and a lateness
 * sweep timer that never fires during the scenario: the bench runs the sweep itself.
 */
const SETTINGS = { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '500', OUTBOX_MAX_BACKOFF_MS: '60000', HTTP_TIMEOUT_MS: '5000', LATENESS_SWEEP_MS: '86400000' };

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (bytes: number | string) => round(Number(bytes) / 2 ** 20, 1);

/** An ISO instant as `Date.toISOString()` writes it, from a timestamptz rounded to the second. */
const iso = (expression: string) => `replace((${expression} AT TIME ZONE 'UTC')::text, ' ', 'T') || '.000Z'`;

/**
 * Open cases (state in_step) numbered $3..$4 of $2, shaped as CasesService.onDossierReceived
 * writes them and as officers' actions leave them: the default four steps (receive at the
 * centre, appraise and approve at the competent department, return at the centre) with their
 * shares of the time, the steps already done finished with their officer and time spent.
 * Due dates are evenly spread over a year, from 91 days before $1 to 274 days after, in order
 * of reception (earlier received, earlier due); received 7 to 90 days before the due date and
 * never after $1. Current step: 10 % receive, 50 % appraise, 25 % approve, 15 % return; a
 * third of the appraisals claimed by a specialist. Competent agency: $6 for 10 % of the cases,
 * 19 other departments for the rest.
 */
const FILL_SQL = `
  INSERT INTO workflow.cases (
    dossier_code, procedure_code, procedure_version_no, procedure_name, field_code, level_code, receiving_agency_code, competent_agency_code, channel,
    result_delivery, received_at, counting_from, processing_minutes, due_at, appointment_at, on_the_spot_eligible, fees_paid_online, state, step_index,
    steps, current_agency_code, current_step_kind, assignee, assignee_name, status_sequence)
  SELECT format('%s-%s-%s', $5::text, to_char(t.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD'), lpad(g.i::text, 7, '0')),
         format('1.%s', lpad((100000 + g.i % 300)::text, 6, '0')), 1, 'Thủ tục hành chính số ' || (g.i % 300), 'F' || (g.i % 30), 'province', $5::text, r.competent,
         (ARRAY['counter', 'online', 'post'])[1 + g.i % 3], (ARRAY['counter', 'online', 'post'])[1 + (g.i / 3) % 3],
         t.received_at, t.received_at, t.minutes, t.due_at, t.due_at, g.i % 7 = 0, g.i % 4 = 0, 'in_step', s.idx,
         jsonb_build_array(
           jsonb_build_object('kind', 'receive', 'agencyCode', $5::text, 'workingMinutes', w.receive, 'startedAt', b.s0,
             'finishedAt', CASE WHEN s.idx > 0 THEN b.s1 END, 'spentMinutes', CASE WHEN s.idx > 0 THEN w.receive / 2 END,
             'pausedMinutes', 0, 'officer', CASE WHEN s.idx > 0 THEN 'reception.' || g.i % 12 END),
           jsonb_build_object('kind', 'appraise', 'agencyCode', r.competent, 'workingMinutes', w.appraise, 'startedAt', CASE WHEN s.idx >= 1 THEN b.s1 END,
             'finishedAt', CASE WHEN s.idx > 1 THEN b.s2 END, 'spentMinutes', CASE WHEN s.idx > 1 THEN w.appraise * 3 / 4 END,
             'pausedMinutes', 0, 'officer', CASE WHEN s.idx > 1 THEN 'specialist.' || g.i % 25 END),
           jsonb_build_object('kind', 'approve', 'agencyCode', r.competent, 'workingMinutes', w.approve, 'startedAt', CASE WHEN s.idx >= 2 THEN b.s2 END,
             'finishedAt', CASE WHEN s.idx > 2 THEN b.s3 END, 'spentMinutes', CASE WHEN s.idx > 2 THEN w.approve / 2 END,
             'pausedMinutes', 0, 'officer', CASE WHEN s.idx > 2 THEN 'leader.' || g.i % 5 END),
           jsonb_build_object('kind', 'return', 'agencyCode', $5::text, 'workingMinutes', w.ret, 'startedAt', CASE WHEN s.idx >= 3 THEN b.s3 END,
             'finishedAt', NULL, 'spentMinutes', NULL, 'pausedMinutes', 0, 'officer', NULL)),
         CASE WHEN s.idx IN (1, 2) THEN r.competent ELSE $5::text END, (ARRAY['receive', 'appraise', 'approve', 'return'])[1 + s.idx],
         CASE WHEN s.idx = 1 AND g.i % 3 = 0 THEN 'specialist.' || g.i % 25 END, CASE WHEN s.idx = 1 AND g.i % 3 = 0 THEN 'Chuyên viên ' || g.i % 25 END,
         1 + s.idx
    FROM generate_series($3::int, $4::int) AS g(i)
   CROSS JOIN LATERAL (SELECT CASE WHEN (g.i / 20) % 10 = 0 THEN $6::text ELSE format('000.%s.00.H56', lpad((1 + (g.i / 20) % 19)::text, 2, '0')) END AS competent) r
   CROSS JOIN LATERAL (SELECT CASE WHEN g.i % 20 < 2 THEN 0 WHEN g.i % 20 < 12 THEN 1 WHEN g.i % 20 < 17 THEN 2 ELSE 3 END AS idx) s
   CROSS JOIN LATERAL (SELECT date_trunc('second', $1::timestamptz - interval '91 days' + (g.i - 1) * (interval '365 days' / $2::int)) AS due_at OFFSET 0) d
   CROSS JOIN LATERAL (SELECT greatest(7 + g.i % 84, ceil(extract(epoch FROM d.due_at - $1::timestamptz) / 86400)::int + 3 + g.i % 30) AS days) c
   CROSS JOIN LATERAL (SELECT d.due_at, d.due_at - make_interval(days => c.days) AS received_at, (c.days * 5 / 7) * 480 AS minutes OFFSET 0) t
   CROSS JOIN LATERAL (SELECT least($1::timestamptz, t.due_at) - t.received_at AS span) p
   CROSS JOIN LATERAL (SELECT ${iso('t.received_at')} AS s0, ${iso(`date_trunc('second', t.received_at + p.span * 0.05)`)} AS s1,
                              ${iso(`date_trunc('second', t.received_at + p.span * 0.6)`)} AS s2, ${iso(`date_trunc('second', t.received_at + p.span * 0.85)`)} AS s3 OFFSET 0) b
   CROSS JOIN LATERAL (SELECT (t.minutes * 0.05)::int AS receive, (t.minutes * 0.25)::int AS approve, (t.minutes * 0.1)::int AS ret,
                              t.minutes - (t.minutes * 0.05)::int - (t.minutes * 0.25)::int - (t.minutes * 0.1)::int AS appraise) w`;

/** Fills OPEN_CASES open cases, one INSERT … SELECT per core in parallel, then ANALYZE. */
async function fillOpenCases(databaseUrl: string, now: Date): Promise<number> {
  const parts = 2;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: parts }, async (_, part) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const from = Math.floor((OPEN_CASES * part) / parts) + 1;
        const to = Math.floor((OPEN_CASES * (part + 1)) / parts);
        await client.query(FILL_SQL, [now, OPEN_CASES, from, to, SERVICE_CENTRE, DEPARTMENT]);
      } finally {
        await client.end();
      }
    }),
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('ANALYZE workflow.cases');
  await client.end();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The cases table's size on disk: heap (with TOAST), each index, total. */
async function casesSize(db: pg.Pool): Promise<{ tableMiB: number; indexesMiB: number; totalMiB: number; indexMiB: Record<string, number> }> {
  const [size] = (
    await db.query<{ table: string; indexes: string; total: string }>(
      `SELECT pg_table_size('workflow.cases') AS table, pg_indexes_size('workflow.cases') AS indexes, pg_total_relation_size('workflow.cases') AS total`,
    )
  ).rows;
  const indexes = (
    await db.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'workflow.cases'::regclass ORDER BY c.relname`,
    )
  ).rows;
  return { tableMiB: mib(size.table), indexesMiB: mib(size.indexes), totalMiB: mib(size.total), indexMiB: Object.fromEntries(indexes.map((i) => [i.name, mib(i.bytes)])) };
}

async function latenessCounts(db: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await db.query<{ lateness: string; n: number }>(`SELECT lateness, count(*)::int AS n FROM workflow.cases WHERE state = 'in_step' GROUP BY lateness ORDER BY lateness`);
  return Object.fromEntries(rows.map((r) => [r.lateness, r.n]));
}

interface TimedSweep extends SweepOutcome {
  situation: string;
  ms: number;
}

async function timedSweep(situation: string, sweep: LatenessSweepService): Promise<TimedSweep> {
  const started = process.hrtime.bigint();
  const outcome = await sweep.sweep();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (outcome.skipped) throw new Error(`${situation}: the sweep was skipped (another holds its lock)`);
  return { situation, ms: round(ms, 1), ...outcome };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/**
 * EXPLAIN ANALYZE of one batch of the sweep (the statement cases.repository.ts holds for the sweep) with
 * the same bounds, rolled back: how the rows are found and how many are read to change how many.
 */
async function explainSweep(databaseUrl: string, now: Date, atRiskBefore: Date): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL search_path TO workflow');
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${LATENESS_SWEEP_BATCH_STATEMENT}`, [
      now,
      atRiskBefore,
      SWEEP_BATCH,
    ]);
    await client.query('ROLLBACK');
    const [explained] = rows[0]['QUERY PLAN'];
    const scans: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      if (/Scan/.test(node['Node Type'])) scans.push(node);
      node.Plans?.forEach(walk);
    };
    walk(explained.Plan);
    // The scan that finds the batch: not the CTE scans over it, nor the UPDATE's look-ups by key.
    const finding = scans.filter((node) => node['Node Type'] !== 'CTE Scan' && node['Index Name'] !== 'cases_pkey');
    const scan = finding.find((node) => node['Node Type'] !== 'Bitmap Index Scan') ?? finding[0] ?? scans[0];
    return {
      scan: `${scan['Node Type']}${scan['Index Name'] ? ` on ${scan['Index Name']}` : ''}`,
      rowsRead: (scan['Actual Rows'] ?? 0) + (scan['Rows Removed by Filter'] ?? 0),
      rowsMatched: scan['Actual Rows'] ?? 0,
      sharedBuffers: (explained.Plan['Shared Hit Blocks'] ?? 0) + (explained.Plan['Shared Read Blocks'] ?? 0),
      executionMs: round(explained['Execution Time'], 1),
    };
  } finally {
    await client.end();
  }
}

export async function runWorkflow(): Promise<void> {
  const memory = sampleMemory();
  const server = await benchServer();
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  const clock = new FixedClock(new Date(NOW));
  let stack: Stack | undefined;
  let db: pg.Pool | undefined;
  try {
    stack = await startStack(SETTINGS, { clock });
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
    await prepareCatalog(stack, PROCEDURE);
    const reception = await stack.tokenFor({ subject: 'bench-reception', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Cán bộ một cửa' });
    const specialist = await stack.tokenFor({ subject: 'bench-specialist', roles: ['specialist'], agencyCodes: [DEPARTMENT], name: 'Chuyên viên Sở' });

    // 1. Cases at the receive step, opened by workflow from dossiers submitted through the gateway.
    const prepared = WARM_CASES + CASES;
    const submitted = await loadRun('submit the dossiers to act on', `${stack.gatewayUrl}/api/v1/dossiers`, {
      method: 'POST',
      connections: CONNECTIONS,
      amount: prepared,
      headers: { authorization: reception, 'content-type': 'application/json', 'idempotency-key': 'bench-workflow-[<id>]' },
      body: JSON.stringify(DOSSIER),
      idReplacement: true,
    });
    const received = submitted.statusCodes['201'] ?? 0;
    if (received < prepared) throw new Error(`preparing cases: ${received} of ${prepared} dossiers received (${JSON.stringify(submitted.statusCodes)})`);
    await drained(db, 'intake', 'DossierReceived', 0, prepared);
    const codes = (
      await db.query<{ code: string }>(`SELECT dossier_code AS code FROM workflow.cases WHERE state = 'in_step' AND current_step_kind = 'receive' ORDER BY dossier_code`)
    ).rows.map((r) => r.code);
    if (codes.length !== prepared) throw new Error(`expected ${prepared} cases at the receive step, found ${codes.length}`);
    const prepareSeconds = ((submitted.lastResponseAt ?? submitted.finishedAt).getTime() - submitted.startedAt.getTime()) / 1000;

    // 2. Officers' actions: one `forward` on each case, every request on a different case.
    const actionsOn = (list: string[]) => ({
      method: 'POST' as const,
      connections: CONNECTIONS,
      amount: list.length,
      paths: list.map((code) => `/api/v1/cases/${encodeURIComponent(code)}/actions`),
      headers: { authorization: reception, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'forward' }),
    });
    const warmCodes = codes.slice(0, WARM_CASES);
    const measuredCodes = codes.slice(WARM_CASES);
    const beforeWarm = await lastSeq(db, 'workflow');
    await loadRun('warm-up: forward', stack.gatewayUrl, actionsOn(warmCodes));
    await drained(db, 'workflow', 'DossierStatusChanged', beforeWarm, 1);
    const baselineSeq = await lastSeq(db, 'workflow');
    const run = await loadRun('forward a case at the receive step (POST /api/v1/cases/{code}/actions through the gateway)', stack.gatewayUrl, actionsOn(measuredCodes));
    const ended = run.lastResponseAt ?? run.finishedAt;
    const loadSeconds = (ended.getTime() - run.startedAt.getTime()) / 1000;
    const ok = run.statusCodes['200'] ?? 0;
    const [moved] = (
      await db.query<{ appraise: number; handovers: number }>(
        `SELECT (SELECT count(*) FROM workflow.cases WHERE dossier_code = ANY($1) AND current_step_kind = 'appraise')::int AS appraise,
                (SELECT count(*) FROM workflow.handovers WHERE dossier_code = ANY($1) AND action = 'forward')::int AS handovers`,
        [measuredCodes],
      )
    ).rows;
    // Each forward announces DossierStatusChanged; the relay delivers it to its subscribers.
    const statusChanges = await drained(db, 'workflow', 'DossierStatusChanged', baselineSeq, ok);
    const drainSeconds = statusChanges.lastDelivered ? Math.max(0, statusChanges.lastDelivered.getTime() - ended.getTime()) / 1000 : 0;
    const [relay] = (
      await db.query<{ deliveries: number; spanSeconds: number | null }>(
        `SELECT count(*)::int AS deliveries, extract(epoch FROM max(d.delivered_at) - min(d.delivered_at))::float8 AS "spanSeconds"
           FROM workflow.outbox_deliveries d JOIN workflow.outbox_events e ON e.seq = d.event_seq
          WHERE e.type = 'DossierStatusChanged' AND e.seq > $1`,
        [baselineSeq],
      )
    ).rows;
    const subscribers = (
      await db.query<{ subscriber: string }>(
        `SELECT DISTINCT d.subscriber FROM workflow.outbox_deliveries d JOIN workflow.outbox_events e ON e.seq = d.event_seq WHERE e.type = 'DossierStatusChanged' ORDER BY 1`,
      )
    ).rows.map((r) => r.subscriber);
    const actions = {
      ...run.figures,
      throughputPerSecond: Math.round(ok / loadSeconds),
      statusCodes: run.statusCodes,
      loadSeconds: round(loadSeconds, 3),
      casesActedOn: run.pathsUsed,
      requestsOnAnAlreadyUsedCase: run.pathsReused,
      casesMovedToAppraise: moved.appraise,
      forwardHandovers: moved.handovers,
      statusChangeEvents: statusChanges.events,
      statusChangeSubscribers: subscribers,
      statusChangesDrainSeconds: round(drainSeconds, 3),
      // How fast the relay delivered them: deliveries ÷ (last delivery − first delivery).
      relayDeliveriesPerSecond: relay.spanSeconds ? Math.round(relay.deliveries / relay.spanSeconds) : null,
    };

    // 3. The worklist of a specialist of the department the cases went to.
    const worklistUrl = `${stack.gatewayUrl}/api/v1/worklist`;
    const worklistLoad = { connections: CONNECTIONS, durationSeconds: 4, headers: { authorization: specialist } };
    const atAppraisal = async () =>
      (await db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM workflow.cases WHERE current_agency_code = $1 AND current_step_kind = 'appraise' AND state = 'in_step'`, [DEPARTMENT])).rows[0].n;
    const probe = await fetch(worklistUrl, { headers: { authorization: specialist } });
    if (probe.status !== 200) throw new Error(`worklist: HTTP ${probe.status} ${await probe.text()}`);
    const firstPage = ((await probe.json()) as { items: unknown[] }).items.length;
    const smallCount = await atAppraisal();
    await loadRun('warm-up: worklist', worklistUrl, { ...worklistLoad, durationSeconds: 2 });
    const worklistSmall: LoadFigures = (await loadRun(`GET /api/v1/worklist, specialist of ${DEPARTMENT}: ${smallCount.toLocaleString('en-US')} cases at its appraisal step`, worklistUrl, worklistLoad)).figures;

    // 4. The lateness sweep over OPEN_CASES open cases.
    const now = clock.now();
    const fillSeconds = await fillOpenCases(stack.databaseUrl, now);
    const openCases = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workflow.cases WHERE state = 'in_step'`)).rows[0].n;
    const sizeAfterFill = await casesSize(db);
    const workflow = stack.app('workflow');
    const sweep = workflow.get(LatenessSweepService);
    const calendars = workflow.get(WorkingCalendarClient);
    const atRiskMinutes = workflow.get(WorkflowConfig).AT_RISK_WORKING_MINUTES;
    await calendars.calendar(); // fetched from catalog once, then cached: the sweeps time the database work
    const first = await timedSweep('first sweep: every case already due or due within a working day gets its mark', sweep);
    const second = await timedSweep('second sweep right after: nothing changes', sweep);
    const secondPlan = await explainSweep(stack.databaseUrl, clock.now(), (await calendars.calendar()).addWorkingMinutes(clock.now(), atRiskMinutes));
    clock.advance(24 * 3600_000);
    await calendars.calendar();
    const third = await timedSweep('a day later: one more day of cases due', sweep);
    const lateness = await latenessCounts(db);
    const sizeAfterSweeps = await casesSize(db);

    // 5. The same worklist with the department's share of the million open cases.
    const largeCount = await atAppraisal();
    const worklistLarge: LoadFigures = (await loadRun(`GET /api/v1/worklist, specialist of ${DEPARTMENT}: ${largeCount.toLocaleString('en-US')} cases at its appraisal step`, worklistUrl, worklistLoad)).figures;

    await record('workflow', {
      settings: { connections: CONNECTIONS, database: server.kind, clock: NOW, ...SETTINGS, atRiskWorkingMinutes: atRiskMinutes },
      preparation: {
        dossiersSubmitted: received,
        casesAtReceive: codes.length,
        warmUpCases: WARM_CASES,
        submitSeconds: round(prepareSeconds, 3),
        dossiersPerSecond: Math.round(received / prepareSeconds),
      },
      actions,
      worklist: { pageSize: firstPage, afterActions: worklistSmall, withOpenCases: worklistLarge },
      sweep: {
        openCases,
        fillSeconds: round(fillSeconds, 1),
        runs: [first, second, third],
        secondSweepPlan: secondPlan,
        latenessAfter: lateness,
        casesTableAfterFill: sizeAfterFill,
        casesTableAfterSweeps: sizeAfterSweeps,
      },
      memory: { stackPeakPssMiB: memory.peak().stackPssMiB, nodeRssPeakMiB: memory.peak().nodeRssMiB },
    });
  } finally {
    memory.stop();
    await db?.end();
    await stack?.close();
    if (stack) await dropDatabase(server.url, stack.databaseUrl).catch(() => undefined);
    await server.stop();
  }
}
