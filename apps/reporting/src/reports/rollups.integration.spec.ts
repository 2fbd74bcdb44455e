import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, finishClass, toLocalIsoDate } from '@onestop/domain';
import type { TestService } from '@onestop/platform/testing';
import { randomSource, stateAt } from '../../../../libs/domain/src/reporting/random-dossiers.js';
import { deliverShuffled, type Generated, generateDossiers, startReporting } from '../testing/generated-dossiers.js';

/**
 * The 06a on PostgreSQL, from generated event sequences: two hundred dossiers' events sent to
 * reporting's inbox shuffled, several at a time, some twice; then, for random periods, the report
 * must balance and agree with a direct reading of every dossier's events.
 */
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
  const random = randomSource(20260316);
  const dossiers: Generated[] = [];

  const get = async (path: string) => {
    const response = await fetch(`${service.url}/api/v1/reports/${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  };

  beforeAll(async () => {
    let serviceToken: string;
    ({ service, adminToken, serviceToken } = await startReporting('2026-06-01T10:00:00+07:00'));
    dossiers.push(...generateDossiers(random, 200, '2025-01-01T00:00:00+07:00', 330));
    await deliverShuffled(random, dossiers, service.url, serviceToken);
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
