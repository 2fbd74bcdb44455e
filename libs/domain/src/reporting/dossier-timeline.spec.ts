import { describe, expect, it } from '@jest/globals';
import { toLocalIsoDate } from '../calendar/local-time.js';
import {
  type Contribution,
  contributionDelta,
  type DossierFactInput,
  dossierContributions,
  finishClass,
  type StatusChange,
} from './dossier-timeline.js';
import { addDays } from './period.js';
import { randomDossier, randomSource, stateAt } from './random-dossiers.js';

/** Local midnight starting a day, as an instant. */
const midnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

function sumBy(contributions: Contribution[], filter: (c: Contribution) => boolean): number {
  return contributions.filter(filter).reduce((sum, c) => sum + c.n, 0);
}

const CLOSES = ['finished_early', 'finished_on_time', 'finished_late', 'refused', 'stopped', 'withdrawn'];
const STOCKS = ['open_within_time', 'open_overdue', 'open_awaiting_supplement'];

describe('finishing early, on time, late', () => {
  it('compares the finish with the legal due date: before its day, on its day, after it', () => {
    const due = '2026-03-30T10:00:00+07:00';
    expect(finishClass('2026-03-27T16:00:00+07:00', due)).toBe('early');
    expect(finishClass('2026-03-30T08:00:00+07:00', due)).toBe('on_time');
    expect(finishClass('2026-03-30T10:00:00+07:00', due)).toBe('on_time');
    expect(finishClass('2026-03-30T10:00:01+07:00', due)).toBe('late');
  });

  it('judges lateness by the due date, which a supplement moves and an apology does not', () => {
    const fact: DossierFactInput = {
      received: { at: '2026-03-16T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00', onTheSpot: false, feesPaidOnline: false },
      statuses: [
        { sequence: 1, status: 'accepted', at: '2026-03-16T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00' },
        // The apology moved the appointment, not the due date: the event still carries the original.
        { sequence: 2, status: 'processing', at: '2026-03-27T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00' },
        { sequence: 3, status: 'processed', at: '2026-04-02T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00' },
      ],
      withdrawnAt: null,
      result: null,
      rating: null,
    };
    const { contributions, outcome } = dossierContributions(fact);
    expect(outcome).toMatchObject({ state: 'finished', finishClass: 'late' });
    // Within time until the due day, overdue from the next day until the finish.
    expect(contributions).toEqual(
      expect.arrayContaining([
        { day: '2026-03-16', measure: 'received', n: 1 },
        { day: '2026-03-16', measure: 'open_within_time', n: 1 },
        { day: '2026-03-30', measure: 'open_within_time', n: -1 },
        { day: '2026-03-30', measure: 'open_overdue', n: 1 },
        { day: '2026-04-02', measure: 'open_overdue', n: -1 },
        { day: '2026-04-02', measure: 'finished_late', n: 1 },
      ]),
    );
  });

  it('counts "4 tại chỗ" when an eligible counter dossier is finished the day it was received', () => {
    const at = '2026-03-16T10:00:00+07:00';
    const { contributions } = dossierContributions({
      received: { at, dueAt: '2026-03-16T14:00:00+07:00', onTheSpot: true, feesPaidOnline: false },
      statuses: [
        { sequence: 1, status: 'accepted', at, dueAt: '2026-03-16T14:00:00+07:00' },
        { sequence: 2, status: 'processed', at: '2026-03-16T10:20:00+07:00', dueAt: '2026-03-16T14:00:00+07:00' },
        { sequence: 3, status: 'returned', at: '2026-03-16T10:20:00+07:00', dueAt: '2026-03-16T14:00:00+07:00' },
      ],
      withdrawnAt: null,
      result: { readyAt: '2026-03-16T10:20:00+07:00', deliveryMethod: 'counter', kind: 'paper' },
      rating: { score: 5, ratedAt: '2026-03-17T08:00:00+07:00' },
    });
    expect(contributions).toEqual([
      { day: '2026-03-16', measure: 'finished_on_time', n: 1 },
      { day: '2026-03-16', measure: 'handled_on_the_spot', n: 1 },
      { day: '2026-03-16', measure: 'received', n: 1 },
      { day: '2026-03-16', measure: 'received_on_the_spot', n: 1 },
      { day: '2026-03-16', measure: 'results_issued', n: 1 },
      { day: '2026-03-17', measure: 'rating_points', n: 5 },
      { day: '2026-03-17', measure: 'ratings', n: 1 },
      { day: '2026-03-17', measure: 'ratings_satisfied', n: 1 },
    ]);
  });

  it('counts nothing before DossierReceived arrives, and a withdrawal from intake when workflow has not closed the case', () => {
    const statuses: StatusChange[] = [{ sequence: 2, status: 'processing', at: '2026-03-17T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00' }];
    expect(dossierContributions({ received: null, statuses, withdrawnAt: null, result: null, rating: null }).contributions).toEqual([]);
    const { outcome } = dossierContributions({
      received: { at: '2026-03-16T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00', onTheSpot: false, feesPaidOnline: false },
      statuses,
      withdrawnAt: '2026-03-18T09:00:00+07:00',
      result: null,
      rating: null,
    });
    expect(outcome).toMatchObject({ state: 'withdrawn', closedAt: '2026-03-18T09:00:00+07:00' });
  });
});

describe('the dossier balance on generated event sequences', () => {
  const SEEDS = [1, 7, 42, 2024, 99991];

  it.each(SEEDS)('balances for every period and matches a direct reading of each dossier at every midnight (seed %i)', (seed) => {
    const random = randomSource(seed);
    const start = Date.parse('2025-01-01T00:00:00+07:00');
    const dossiers = Array.from({ length: 300 }, () => randomDossier(random, start, 150));
    const all = dossiers.flatMap((d) => dossierContributions(d).contributions);
    const days = Array.from({ length: 200 }, (_, i) => addDays('2024-12-30', i));

    // At every midnight, the roll-up's stock of each state is what reading each dossier there says.
    for (const day of days) {
      const at = midnight(day);
      const read = { within: 0, overdue: 0, supplement: 0 };
      for (const d of dossiers) {
        const state = stateAt(d, at);
        if (state === 'within' || state === 'overdue' || state === 'supplement') read[state]++;
      }
      const before = (measure: string) => sumBy(all, (c) => c.measure === measure && c.day < day);
      expect({ day, within: before('open_within_time'), overdue: before('open_overdue'), supplement: before('open_awaiting_supplement') }).toEqual({ day, ...read });
    }

    // For random periods: carried over + received = closed + open at the end.
    for (let i = 0; i < 200; i++) {
      const a = random.int(0, days.length - 1);
      const b = random.int(a + 1, days.length);
      const from = days[a];
      const end = b < days.length ? days[b] : addDays(days[days.length - 1], 1);
      const open = (x: string) => sumBy(all, (c) => STOCKS.includes(c.measure) && c.day < x);
      const received = sumBy(all, (c) => c.measure === 'received' && c.day >= from && c.day < end);
      const closed = sumBy(all, (c) => CLOSES.includes(c.measure) && c.day >= from && c.day < end);
      expect(open(from) + received).toBe(closed + open(end));
    }
  });

  it.each(SEEDS)('gives the same contributions whatever order the events arrive in, applied one at a time (seed %i)', (seed) => {
    const random = randomSource(seed);
    for (let n = 0; n < 200; n++) {
      const dossier = randomDossier(random, Date.parse('2025-03-01T00:00:00+07:00'), 60);
      const expected = dossierContributions(dossier).contributions;
      // The events: receipt, each status change, the withdrawal, the result, the rating; shuffled.
      type Step = (fact: DossierFactInput) => void;
      const steps: Step[] = [
        (f) => (f.received = dossier.received),
        ...dossier.statuses.map((s): Step => (f) => (f.statuses = [...f.statuses, s])),
        ...(dossier.withdrawnAt ? [(f: DossierFactInput) => (f.withdrawnAt = dossier.withdrawnAt)] : []),
        ...(dossier.result ? [(f: DossierFactInput) => (f.result = dossier.result)] : []),
        ...(dossier.rating ? [(f: DossierFactInput) => (f.rating = dossier.rating)] : []),
      ];
      for (let i = steps.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [steps[i], steps[j]] = [steps[j], steps[i]];
      }
      const fact: DossierFactInput = { received: null, statuses: [], withdrawnAt: null, result: null, rating: null };
      const rollup = new Map<string, number>();
      let applied: Contribution[] = [];
      for (const step of steps) {
        step(fact);
        const next = dossierContributions(fact).contributions;
        for (const c of contributionDelta(applied, next)) rollup.set(`${c.day}|${c.measure}`, (rollup.get(`${c.day}|${c.measure}`) ?? 0) + c.n);
        applied = next;
      }
      expect(applied).toEqual(expected);
      const fromRollup = [...rollup.entries()].filter(([, v]) => v !== 0).map(([k, v]) => `${k}|${v}`).sort();
      expect(fromRollup).toEqual(expected.map((c) => `${c.day}|${c.measure}|${c.n}`).sort());
    }
  });

  it('counts receipts on the local day (Asia/Ho_Chi_Minh), not the UTC day', () => {
    const lateEvening = '2026-03-16T23:30:00+07:00';
    expect(toLocalIsoDate(new Date(lateEvening))).toBe('2026-03-16');
    const { contributions } = dossierContributions({
      received: { at: '2026-03-16T16:30:00Z', dueAt: '2026-03-30T10:00:00+07:00', onTheSpot: false, feesPaidOnline: false },
      statuses: [],
      withdrawnAt: null,
      result: null,
      rating: null,
    });
    expect(contributions.find((c) => c.measure === 'received')?.day).toBe('2026-03-16');
  });
});

describe('results by post', () => {
  const base: DossierFactInput = {
    received: { at: '2026-03-16T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00', onTheSpot: false, feesPaidOnline: false },
    statuses: [{ sequence: 1, status: 'processed', at: '2026-03-18T10:00:00+07:00', dueAt: '2026-03-30T10:00:00+07:00' }],
    withdrawnAt: null,
    result: { readyAt: '2026-03-18T10:00:00+07:00', deliveryMethod: 'post', kind: 'paper' },
    rating: null,
  };
  const postal = (fact: DossierFactInput) =>
    dossierContributions(fact)
      .contributions.filter((c) => c.measure.startsWith('results_') && c.measure.endsWith('_by_post'))
      .map((c) => `${c.day} ${c.measure} ${c.n}`);

  it('counts a result sent by post on the day postal registered its shipment, and delivered or back at the agency on their days', () => {
    expect(postal(base)).toEqual(['2026-03-18 results_by_post 1']);
    expect(postal({ ...base, sentByPostAt: '2026-03-18T10:00:05+07:00', deliveredByPostAt: '2026-03-19T23:30:00+07:00' })).toEqual([
      '2026-03-18 results_by_post 1',
      '2026-03-18 results_sent_by_post 1',
      '2026-03-19 results_delivered_by_post 1',
    ]);
    expect(postal({ ...base, sentByPostAt: '2026-03-18T10:00:05+07:00', returnedToAgencyByPostAt: '2026-03-23T09:00:00+07:00' })).toEqual([
      '2026-03-18 results_by_post 1',
      '2026-03-18 results_sent_by_post 1',
      '2026-03-23 results_returned_to_agency_by_post 1',
    ]);
  });

  it('does not count the post before the dossier is known', () => {
    expect(postal({ ...base, received: null, sentByPostAt: '2026-03-18T10:00:05+07:00' })).toEqual([]);
  });
});
