import { describe, expect, it } from '@jest/globals';
import { addDays, coverBefore, coverOf, parsePeriod } from './period.js';

const TODAY = '2026-03-16';

describe('reporting periods', () => {
  it.each([
    ['2025', '2025-01-01', '2025-12-31', 'year'],
    ['2025-H1', '2025-01-01', '2025-06-30', 'half'],
    ['2025-H2', '2025-07-01', '2025-12-31', 'half'],
    ['2025-Q2', '2025-04-01', '2025-06-30', 'quarter'],
    ['2024-02', '2024-02-01', '2024-02-29', 'month'],
    ['2025-12', '2025-12-01', '2025-12-31', 'month'],
  ])('reads %s as %s to %s', (period, from, to, kind) => {
    expect(parsePeriod({ period }, TODAY)).toEqual({ period: { kind, label: period, from, to, end: addDays(to, 1) }, problems: [] });
  });

  it('reads a custom period with both days included, and defaults to the current year', () => {
    expect(parsePeriod({ from: '2025-01-15', to: '2025-03-10' }, TODAY).period).toMatchObject({ kind: 'custom', from: '2025-01-15', to: '2025-03-10', end: '2025-03-11' });
    expect(parsePeriod({}, TODAY).period).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
  });

  it.each([
    [{ period: '2025-Q5' }, 'period'],
    [{ period: 'last-year' }, 'period'],
    [{ period: '1999' }, 'period'],
    [{ period: '2025', from: '2025-01-01' }, 'period'],
    [{ from: '2025-01-01' }, 'to'],
    [{ to: '2025-01-01' }, 'from'],
    [{ from: '2025-02-30', to: '2025-03-01' }, 'from'],
    [{ from: '2025-03-01', to: '2025-02-01' }, 'to'],
    [{ from: '2000-01-01', to: '2025-02-01' }, 'to'],
  ])('refuses %j naming %s', (input, field) => {
    const { period, problems } = parsePeriod(input, TODAY);
    expect(period).toBeUndefined();
    expect(problems.map((p) => p.field)).toContain(field);
  });
});

describe('covering days with year, quarter, month, dekad and day roll-ups', () => {
  /** The days a cover's rows stand for: a range of year or month rows covers every day from its first row's start to its end. */
  const days = (ranges: ReturnType<typeof coverOf>) =>
    ranges.flatMap((r) => {
      const out: string[] = [];
      for (let d = r.from; d < r.to; d = addDays(d, 1)) out.push(d);
      return out;
    });

  it('uses whole years and months where it can', () => {
    expect(coverOf('2025-01-01', '2026-01-01')).toEqual([{ grain: 'Y', from: '2025-01-01', to: '2026-01-01' }]);
    expect(coverOf('2025-04-01', '2025-07-01')).toEqual([{ grain: 'Q', from: '2025-04-01', to: '2025-07-01' }]);
    expect(coverOf('2025-05-01', '2025-07-01')).toEqual([{ grain: 'M', from: '2025-05-01', to: '2025-07-01' }]);
    // The bench's range: a day, dekads, a month, two quarters, a month, dekads.
    expect(coverOf('2025-02-10', '2025-11-21')).toEqual([
      { grain: 'D', from: '2025-02-10', to: '2025-02-11' },
      { grain: 'T', from: '2025-02-11', to: '2025-03-01' },
      { grain: 'M', from: '2025-03-01', to: '2025-04-01' },
      { grain: 'Q', from: '2025-04-01', to: '2025-10-01' },
      { grain: 'M', from: '2025-10-01', to: '2025-11-01' },
      { grain: 'T', from: '2025-11-01', to: '2025-11-21' },
    ]);
    expect(coverBefore('2025-11-21')).toEqual([
      { grain: 'Y', from: '0001-01-01', to: '2025-01-01' },
      { grain: 'Q', from: '2025-01-01', to: '2025-10-01' },
      { grain: 'M', from: '2025-10-01', to: '2025-11-01' },
      { grain: 'T', from: '2025-11-01', to: '2025-11-21' },
    ]);
    // Days up to the next dekad (the 11th, the 21st), then dekads, then days again.
    expect(coverOf('2025-01-15', '2025-03-14')).toEqual([
      { grain: 'D', from: '2025-01-15', to: '2025-01-21' },
      { grain: 'T', from: '2025-01-21', to: '2025-02-01' },
      { grain: 'M', from: '2025-02-01', to: '2025-03-01' },
      { grain: 'T', from: '2025-03-01', to: '2025-03-11' },
      { grain: 'D', from: '2025-03-11', to: '2025-03-14' },
    ]);
    // February's last dekad ends with the month, whatever its length.
    expect(coverOf('2024-02-21', '2024-03-01')).toEqual([{ grain: 'T', from: '2024-02-21', to: '2024-03-01' }]);
    expect(coverOf('2025-02-10', '2025-02-21')).toEqual([
      { grain: 'D', from: '2025-02-10', to: '2025-02-11' },
      { grain: 'T', from: '2025-02-11', to: '2025-02-21' },
    ]);
    expect(coverBefore('2025-03-24')).toEqual([
      { grain: 'Y', from: '0001-01-01', to: '2025-01-01' },
      { grain: 'M', from: '2025-01-01', to: '2025-03-01' },
      { grain: 'T', from: '2025-03-01', to: '2025-03-21' },
      { grain: 'D', from: '2025-03-21', to: '2025-03-24' },
    ]);
    expect(coverBefore('2025-03-11')).toEqual([
      { grain: 'Y', from: '0001-01-01', to: '2025-01-01' },
      { grain: 'M', from: '2025-01-01', to: '2025-03-01' },
      { grain: 'T', from: '2025-03-01', to: '2025-03-11' },
    ]);
    expect(coverBefore('2025-01-01')).toEqual([{ grain: 'Y', from: '0001-01-01', to: '2025-01-01' }]);
  });

  it('reads at most 10 days and 2 dekads at each end of a partial month', () => {
    for (let i = 0; i < 300; i++) {
      const from = addDays('2023-11-20', (i * 37) % 500);
      const end = addDays(from, 1 + ((i * 53) % 700));
      const cover = [...coverOf(from, end), ...coverBefore(from), ...coverBefore(end)];
      const count = (grain: string) => cover.filter((r) => r.grain === grain).reduce((n, r) => n + Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000), 0);
      expect(count('D')).toBeLessThanOrEqual(4 * 10);
      expect(cover.filter((r) => r.grain === 'T').length).toBeLessThanOrEqual(4);
    }
  });

  it('covers every day of any range exactly once', () => {
    for (let i = 0; i < 300; i++) {
      const from = addDays('2023-11-20', (i * 37) % 500);
      const end = addDays(from, 1 + ((i * 53) % 700));
      const covered = days(coverOf(from, end));
      const expected: string[] = [];
      for (let d = from; d < end; d = addDays(d, 1)) expected.push(d);
      expect(covered).toEqual(expected);
    }
  });
});
