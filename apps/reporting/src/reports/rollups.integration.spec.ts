import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { addDays, type DossierFactInput, finishClass, nationalStatusCode, toLocalIsoDate } from '@onestop/domain';
import { Clock, FixedClock } from '@onestop/platform';
import { createTestDatabase, freePort, startTestService, type TestService } from '@onestop/platform/testing';
import { randomDossier, randomSource, stateAt } from '../../../../libs/domain/src/reporting/random-dossiers.js';
import { ReportingModule } from '../reporting.module.js';

/**
 * The 06a on PostgreSQL, from generated event sequences: two hundred dossiers' events sent to
 * reporting's inbox shuffled, several at a time, some twice; then, for random periods, the report
 * must balance and agree with a direct reading of every dossier's events.
 */
const AGENCIES = ['000.17.22.H56', '000.17.23.H56', '000.17.24.H56'];
const RECEIVERS = ['000.00.01.H56', '000.17.22.H56'];
const PROCEDURES = [
  { code: '1.009001', field: 'GT-DB' },
  { code: '1.009002', field: 'GT-DB' },
  { code: '1.009003', field: 'TP-HT' },
  { code: '2.009004', field: 'TP-HT' },
];
const CHANNELS = ['counter', 'online', 'post'] as const;

interface Generated {
  code: string;
  fact: DossierFactInput;
  agency: string;
  receiver: string;
  procedure: (typeof PROCEDURES)[number];
  channel: (typeof CHANNELS)[number];
}

function envelope(type: string, source: string, payload: Record<string, unknown>) {
  return { id: randomUUID(), type, version: 1, source, occurredAt: new Date().toISOString(), payload };
}

function eventsOf(d: Generated) {
  const events = [];
  const r = d.fact.received!;
  events.push(
    envelope('DossierReceived', 'intake', {
      dossierCode: d.code,
      procedureCode: d.procedure.code,
      procedureVersionNo: 1,
      procedureName: `Thủ tục ${d.procedure.code}`,
      fieldCode: d.procedure.field,
      levelCode: 'province',
      receivingAgencyCode: d.receiver,
      competentAgencyCode: d.agency,
      channel: d.channel,
      receivedAt: r.at,
      countingFrom: r.at,
      appointmentAt: r.dueAt,
      processingMinutes: 4800,
      steps: [],
      resultDelivery: 'counter',
      onTheSpot: r.onTheSpot,
      feesPaidOnline: r.feesPaidOnline,
      receivedBy: 'generator',
    }),
  );
  for (const s of d.fact.statuses) {
    events.push(
      envelope('DossierStatusChanged', 'workflow', {
        dossierCode: d.code,
        status: s.status,
        nationalStatusCode: nationalStatusCode(s.status),
        at: s.at,
        unitCode: d.agency,
        unitName: null,
        officerName: null,
        officerTitle: null,
        content: s.status,
        appointmentAt: s.dueAt,
        dueAt: s.dueAt,
        sequence: s.sequence,
      }),
    );
  }
  if (d.fact.withdrawnAt) events.push(envelope('DossierWithdrawn', 'intake', { dossierCode: d.code, withdrawnAt: d.fact.withdrawnAt, reason: 'Rút', receivingAgencyCode: d.receiver }));
  if (d.fact.result) {
    const res = d.fact.result;
    events.push(envelope('ResultReady', 'workflow', { dossierCode: d.code, agencyCode: d.receiver, deliveryMethod: res.deliveryMethod, resultKind: res.kind, documentNumber: 'GP-1', readyAt: res.readyAt }));
  }
  if (d.fact.rating) events.push(envelope('DossierRated', 'intake', { dossierCode: d.code, receivingAgencyCode: d.receiver, score: d.fact.rating.score, ratedAt: d.fact.rating.ratedAt }));
  return events;
}

const midnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const CLOSING = ['processed', 'returned', 'refused', 'stopped', 'withdrawn'];

/** The 06a figures read straight from the generated histories. */
function expected(dossiers: Generated[], from: string, end: string) {
  const inRange = (instant: string) => {
    const day = toLocalIsoDate(new Date(instant));
    return day >= from && day < end;
  };
  const figures = {
    carriedOver: 0,
    newlyReceived: { total: 0, online: 0, counter: 0, post: 0 },
    finished: { early: 0, onTime: 0, late: 0 },
    refused: 0,
    stopped: 0,
    withdrawn: 0,
    inProgress: { withinTime: 0, overdue: 0, awaitingSupplement: 0 },
  };
  for (const d of dossiers) {
    const open = (state: string) => state === 'within' || state === 'overdue' || state === 'supplement';
    if (open(stateAt(d.fact, midnight(from)))) figures.carriedOver++;
    const atEnd = stateAt(d.fact, midnight(end));
    if (atEnd === 'within') figures.inProgress.withinTime++;
    if (atEnd === 'overdue') figures.inProgress.overdue++;
    if (atEnd === 'supplement') figures.inProgress.awaitingSupplement++;
    if (inRange(d.fact.received!.at)) {
      figures.newlyReceived.total++;
      figures.newlyReceived[d.channel]++;
    }
    const ordered = [...d.fact.statuses].sort((a, b) => a.sequence - b.sequence);
    const closing = ordered.find((s) => CLOSING.includes(s.status));
    const close = closing ? { at: closing.at, status: closing.status, dueAt: closing.dueAt! } : d.fact.withdrawnAt ? { at: d.fact.withdrawnAt, status: 'withdrawn', dueAt: '' } : null;
    if (close && inRange(close.at)) {
      if (close.status === 'processed' || close.status === 'returned') {
        const cls = finishClass(close.at, close.dueAt);
        figures.finished[cls === 'on_time' ? 'onTime' : cls]++;
      } else figures[close.status as 'refused' | 'stopped' | 'withdrawn']++;
    }
  }
  return figures;
}

describe('form II.06a on PostgreSQL from generated event sequences', () => {
  let service: TestService;
  let adminToken: string;
  let serviceToken: string;
  const random = randomSource(20260316);
  const dossiers: Generated[] = [];

  const get = async (path: string) => {
    const response = await fetch(`${service.url}/api/v1/reports/${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  };

  beforeAll(async () => {
    const port = await freePort();
    adminToken = randomBytes(24).toString('hex');
    serviceToken = randomBytes(24).toString('hex');
    service = await startTestService(ReportingModule, {
      service: 'reporting',
      port,
      env: {
        DATABASE_URL: await createTestDatabase('reporting'),
        SERVICE_TOKEN: serviceToken,
        ADMIN_TOKEN: adminToken,
        PORT: String(port),
        LOG_LEVEL: 'fatal',
        CATALOG_URL: 'http://127.0.0.1:9',
        INTAKE_URL: 'http://127.0.0.1:9',
        WORKFLOW_URL: 'http://127.0.0.1:9',
      },
      overrides: [{ token: Clock, value: new FixedClock(new Date('2026-06-01T10:00:00+07:00')) }],
    });
    const start = Date.parse('2025-01-01T00:00:00+07:00');
    for (let i = 0; i < 200; i++) {
      dossiers.push({
        code: `000.00.01.H56-250101-${String(i + 1).padStart(4, '0')}`,
        fact: randomDossier(random, start, 330),
        agency: random.pick(AGENCIES),
        receiver: random.pick(RECEIVERS),
        procedure: random.pick(PROCEDURES),
        channel: random.pick(CHANNELS),
      });
    }
    // Every event, shuffled across dossiers, a tenth of them delivered twice, four at a time.
    const events = dossiers.flatMap(eventsOf);
    const deliveries = [...events, ...events.filter(() => random.chance(0.1))];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    let next = 0;
    const deliver = async () => {
      while (next < deliveries.length) {
        const event = deliveries[next++];
        for (let attempt = 1; ; attempt++) {
          const response = await fetch(`${service.url}/internal/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-service-token': serviceToken }, body: JSON.stringify(event) });
          if (response.ok) break;
          // As the relay would: retry (a lock conflict between two events of one dossier is the only expected failure).
          if (attempt >= 5) throw new Error(`${event.type} refused: ${response.status} ${await response.text()}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, deliver));
  }, 120000);

  afterAll(async () => {
    await service?.close();
  });

  it('balances and matches a direct reading of the events, for random periods', async () => {
    const periods: Array<{ query: string; from: string; end: string }> = [
      { query: 'period=2025', from: '2025-01-01', end: '2026-01-01' },
      { query: 'period=2025-Q2', from: '2025-04-01', end: '2025-07-01' },
      { query: 'period=2025-H2', from: '2025-07-01', end: '2026-01-01' },
      { query: 'period=2025-11', from: '2025-11-01', end: '2025-12-01' },
    ];
    for (let i = 0; i < 12; i++) {
      const from = addDays('2024-12-25', random.int(0, 380));
      const to = addDays(from, random.int(0, 120));
      periods.push({ query: `from=${from}&to=${to}`, from, end: addDays(to, 1) });
    }
    for (const period of periods) {
      const report = await get(`dossier-balance?${period.query}`);
      const want = expected(dossiers, period.from, period.end);
      const t = report.total;
      expect({ period: period.query, balance: t.balance.holds }).toEqual({ period: period.query, balance: true });
      expect({
        period: period.query,
        carriedOver: t.received.carriedOver,
        newlyReceived: t.received.newlyReceived,
        finished: { early: t.finished.early, onTime: t.finished.onTime, late: t.finished.late },
        refused: t.refused,
        stopped: t.stopped,
        withdrawn: t.withdrawn,
        inProgress: { withinTime: t.inProgress.withinTime, overdue: t.inProgress.overdue, awaitingSupplement: t.inProgress.awaitingSupplement },
      }).toEqual({ period: period.query, ...want });
    }
  });

  it('balances row by row, the rows adding up to the total, for every grouping', async () => {
    for (const groupBy of ['agency', 'receivingAgency', 'field', 'procedure']) {
      const report = await get(`dossier-balance?period=2025-Q3&groupBy=${groupBy}`);
      expect(report.rows.length).toBeGreaterThan(1);
      for (const row of report.rows) expect(row.balance.holds).toBe(true);
      const sum = (pick: (f: Record<string, any>) => number) => report.rows.reduce((s: number, r: Record<string, any>) => s + pick(r), 0);
      expect(sum((r) => r.received.total)).toBe(report.total.received.total);
      expect(sum((r) => r.inProgress.total)).toBe(report.total.inProgress.total);
      expect(sum((r) => r.finished.total)).toBe(report.total.finished.total);
    }
  });
});
