import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDatabase } from '@onestop/platform/testing';
import { randomSource } from '../libs/domain/src/reporting/random-dossiers.js';
import { type EmbeddedServer, freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import { eventually } from './stack.js';
import { APPLICANT, CENTRE_RECEPTION, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';
import { expectEachDossierOnceInWorkflow, expectEveryEventDeliveredToEachSubscriber } from './fixtures/deliveries.js';
import { type ProcessStack, startProcessStack } from './processes/service-processes.js';

/** CRASH_SEED replays a run: when each process is killed and how long it stays down. */
const SEED = Number(process.env.CRASH_SEED ?? 20261204);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Submissions sent around each kill: enough that it meets requests in flight, few enough that the checks afterwards stay quick. */
const SUBMISSIONS_PER_KILL = 60;
const progress = (what: string) => process.env.CRASH_PROGRESS && appendFileSync(process.env.CRASH_PROGRESS, `${new Date().toISOString()} ${what}\n`);

const dossier = (name: string) => ({
  procedureCode: '1.009001',
  agencyCode: SERVICE_CENTRE,
  channel: 'counter',
  applicant: { ...APPLICANT, name },
  documents: [{ requirement: 1 }, { requirement: 2 }],
  resultDelivery: { method: 'counter' },
});

interface Answer {
  /** 0: no answer (connection reset or refused, timed out). */
  status: number;
  body: Record<string, unknown> | undefined;
  replayed: boolean;
}

/** A request as a client sends it: a dead process is no answer, not an exception. */
async function send(stack: ProcessStack, auth: string, path: string, body: object, idempotencyKey?: string): Promise<Answer> {
  try {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
      // Longer than any answer of a live system on a busy machine: a request of a killed process ends at once, with a reset.
      signal: AbortSignal.timeout(30000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, replayed: response.headers.get('idempotent-replayed') === 'true' };
  } catch {
    return { status: 0, body: undefined, replayed: false };
  }
}

/** The client could not know what happened: no answer, or the door or a service was away. */
const unanswered = (answer: Answer) => answer.status === 0 || answer.status >= 500;

async function count(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  return (await queryDatabase<{ n: number }>(databaseUrl, sql, params))[0].n;
}

/** PostgreSQL's postmaster, from its pid file. */
async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

describe('services and PostgreSQL killed with kill -9', () => {
  let dataDir: string;
  let port: number;
  let server: EmbeddedServer;
  let stack: ProcessStack;
  let reception: string;

  /** Starts PostgreSQL again on its data; right after a kill -9 its old backends may hold the shared memory a moment. */
  const restartPostgres = async () => {
    server = await eventually(() => startEmbeddedPostgres({ dataDir, port, persistent: true }).catch(() => undefined), 20000, 'PostgreSQL to start again');
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onestop-crash-pg-'));
    port = await freePort();
    // A server of its own, durable as in production, so killing it disturbs no other test file.
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await server.createDatabase('crashes');
    stack = await startProcessStack(server.urlFor('crashes'), { HTTP_TIMEOUT_MS: '1500' });
    await seedCatalogBasics(stack);
    const published = await send(stack, stack.adminAuth, '/api/v1/procedures', publishBody('1.009001'));
    expect(published.status).toBe(201);
    reception = await stack.tokenFor(CENTRE_RECEPTION);
  }, 240000);

  afterAll(async () => {
    await stack?.close();
    await server?.stop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('applies an event once when the relay that sent it was killed before marking it delivered', async () => {
    // Workflow frozen, so intake's relay waits for its answer; then intake frozen while it waits,
    // workflow let go: it applies the event and answers a process that will never read it.
    process.kill(stack.pid('workflow'), 'SIGSTOP');
    let frozenIntake = false;
    try {
      const received = await send(stack, reception, '/api/v1/dossiers', dossier('Người nộp trước sự cố'), randomUUID());
      expect(received.status).toBe(201);
      const code = received.body!.code as string;
      const delivery = `SELECT d.attempts, d.delivered_at, e.id FROM intake.outbox_events e JOIN intake.outbox_deliveries d ON d.event_seq = e.seq WHERE e.type = 'DossierReceived' AND e.payload->>'dossierCode' = $1 AND d.subscriber = 'workflow'`;
      const [sent] = await eventually(async () => {
        const rows = await queryDatabase<{ attempts: number; delivered_at: Date | null; id: string }>(stack.databaseUrl, delivery, [code]);
        return rows[0]?.attempts >= 1 ? rows : undefined;
      }, 5000, "intake's relay to send the event");
      await sleep(150);
      process.kill(stack.pid('intake'), 'SIGSTOP');
      frozenIntake = true;
      process.kill(stack.pid('workflow'), 'SIGCONT');
      await eventually(async () => ((await count(stack.databaseUrl, 'SELECT count(*)::int AS n FROM workflow.inbox_events WHERE event_id = $1', [sent.id])) === 1 ? true : undefined), 10000, 'workflow to apply the event');
      const [unmarked] = await queryDatabase<{ delivered_at: Date | null }>(stack.databaseUrl, delivery, [code]);
      expect(unmarked.delivered_at).toBeNull();

      await stack.kill('intake');
      frozenIntake = false;
      await stack.start('intake');
      // The restarted relay sends it again once the dead one's lease is over; workflow's inbox knows it.
      const [again] = await eventually(async () => {
        const rows = await queryDatabase<{ attempts: number; delivered_at: Date | null }>(stack.databaseUrl, delivery, [code]);
        return rows[0]?.delivered_at ? rows : undefined;
      }, 30000, 'the event to be sent again');
      expect(again.attempts).toBeGreaterThanOrEqual(2);
      expect(await count(stack.databaseUrl, 'SELECT count(*)::int AS n FROM workflow.cases WHERE dossier_code = $1', [code])).toBe(1);
      await expectEachDossierOnceInWorkflow(stack);
    } finally {
      process.kill(stack.pid('workflow'), 'SIGCONT');
      if (frozenIntake) await stack.kill('intake').then(() => stack.start('intake'));
    }
  });

  it('loses nothing answered and duplicates nothing retried when intake, workflow, the gateway and PostgreSQL are killed under load', async () => {
    const random = randomSource(SEED);
    const submissions: Array<{ key: string; body: object; first: Answer; final?: Answer }> = [];
    const forwards: Array<{ code: string; first: Answer; final?: Answer }> = [];
    const toForward: string[] = [];
    let loading = true;
    let budget = SUBMISSIONS_PER_KILL;

    const client = async (id: number) => {
      for (let i = 0; loading; i++) {
        await sleep(100);
        if (budget > 0) {
          budget--;
          const key = randomUUID();
          const body = dossier(`Khách ${id}-${i}`);
          const first = await send(stack, reception, '/api/v1/dossiers', body, key);
          submissions.push({ key, body, first });
          if (first.status === 201) toForward.push(first.body!.code as string);
          // A client that got no answer waits a moment before going on, as a real one does.
          if (unanswered(first)) await sleep(300);
        }
        // Case actions alongside: forwarding a dossier received a moment ago (its case opens on the event).
        const code = toForward.shift();
        if (code) {
          const answer = await send(stack, reception, `/api/v1/cases/${code}/actions`, { action: 'forward' });
          if (answer.status === 409 && answer.body?.code === 'case-opening') toForward.push(code);
          else forwards.push({ code, first: answer });
        }
      }
    };
    const load = Promise.all([1, 2, 3].map(client));

    const downtimes: string[] = [];
    for (const service of ['intake', 'workflow', 'gateway'] as const) {
      budget = SUBMISSIONS_PER_KILL;
      await sleep(random.int(300, 1500));
      progress(`kill ${service} after ${submissions.length} submissions`);
      await stack.kill(service);
      const down = random.int(100, 800);
      await sleep(down);
      await stack.start(service);
      downtimes.push(`${service} ${down} ms`);
      progress(`${service} back`);
    }
    budget = SUBMISSIONS_PER_KILL;
    await sleep(random.int(300, 1500));
    process.kill(await postmasterPid(dataDir), 'SIGKILL');
    await sleep(random.int(200, 800));
    progress('postgres killed');
    await restartPostgres();
    progress('postgres back');
    await sleep(1500);
    loading = false;
    await load;

    // The crashes hit requests in flight: some were never answered.
    const lost = submissions.filter((s) => unanswered(s.first)).length + forwards.filter((f) => unanswered(f.first)).length;
    expect({ seed: SEED, downtimes, lost: lost > 0 }).toEqual({ seed: SEED, downtimes, lost: true });
    expect(submissions.filter((s) => !unanswered(s.first) && s.first.status !== 201).map((s) => s.first)).toEqual([]);

    // A careful client retries what was not answered, with the same Idempotency-Key: the dossier
    // is received once, whether the lost attempt had reached the database or not.
    const retry = async (request: () => Promise<Answer>) =>
      eventually(async () => {
        const answer = await request();
        return unanswered(answer) ? undefined : answer;
      }, 90000, 'an answer');
    const statuses = [...submissions.map((s) => s.first.status), ...forwards.map((f) => f.first.status)].reduce<Record<number, number>>((n, status) => ({ ...n, [status]: (n[status] ?? 0) + 1 }), {});
    progress(`load over: ${submissions.length} submissions, ${forwards.length} forwards, answers ${JSON.stringify(statuses)}`);
    await Promise.all(
      submissions.map(async (submission) => {
        submission.final = unanswered(submission.first) ? await retry(() => send(stack, reception, '/api/v1/dossiers', submission.body, submission.key)) : submission.first;
      }),
    );
    expect(submissions.filter((s) => s.final!.status !== 201).map((s) => s.final)).toEqual([]);
    await Promise.all(
      forwards.map(async (forward) => {
        forward.final = unanswered(forward.first) ? await retry(() => send(stack, reception, `/api/v1/cases/${forward.code}/actions`, { action: 'forward' })) : forward.first;
      }),
    );
    // A retried forward that had gone through meets a case already forwarded.
    expect(forwards.filter((f) => !(f.final!.status === 200 || (f.first.status !== 200 && f.final!.status === 409))).map((f) => [f.first, f.final])).toEqual([]);
    progress('retries answered');

    expect(forwards.length).toBeGreaterThan(0);

    // Every 201 is a dossier, one per key; a key sent again answers the same dossier.
    const codes = submissions.map((s) => s.final!.body!.code as string);
    expect(new Set(codes).size).toBe(submissions.length);
    expect(await count(stack.databaseUrl, 'SELECT count(*)::int AS n FROM intake.dossiers WHERE code = ANY($1)', [codes])).toBe(codes.length);
    expect(await count(stack.databaseUrl, `SELECT count(*)::int AS n FROM intake.dossiers WHERE applicant->>'name' LIKE 'Khách %'`)).toBe(submissions.length);
    const answeredFirst = submissions.filter((s) => s.first.status === 201).slice(0, 10);
    for (const submission of answeredFirst) {
      const again = await send(stack, reception, '/api/v1/dossiers', submission.body, submission.key);
      expect({ status: again.status, code: again.body?.code, replayed: again.replayed }).toEqual({ status: 201, code: submission.first.body!.code, replayed: true });
    }
    // No service fell over by itself, PostgreSQL's death included: they waited for it.
    expect(stack.unexpectedExits()).toEqual([]);
    // Each dossier reached workflow and reporting once, and every event every subscriber.
    await expectEachDossierOnceInWorkflow(stack);
    await expectEveryEventDeliveredToEachSubscriber(stack.databaseUrl);
    progress('delivered');
    // Each forward answered 200 is on the control sheet once, and none twice.
    const forwarded = forwards.filter((f) => f.final!.status === 200 || f.first.status === 200).map((f) => f.code);
    expect(await count(stack.databaseUrl, `SELECT count(DISTINCT dossier_code)::int AS n FROM workflow.handovers WHERE action = 'forward' AND dossier_code = ANY($1)`, [forwarded])).toBe(new Set(forwarded).size);
    expect(await count(stack.databaseUrl, `SELECT count(*)::int AS n FROM (SELECT dossier_code FROM workflow.handovers WHERE action = 'forward' GROUP BY dossier_code HAVING count(*) > 1) twice`)).toBe(0);
  });
});
