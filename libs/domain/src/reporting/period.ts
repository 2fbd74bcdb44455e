import { isIsoDate, isoDateOfDayNumber, localDayNumber } from '../calendar/local-time.js';
import type { RuleViolation } from '../catalog/procedure.js';

/**
 * A reporting period: whole local days (Asia/Ho_Chi_Minh) from `from` to `to`, both included.
 * `end` is the day after `to`, the boundary the "in progress at the end" figures are taken at.
 */
export interface ReportPeriod {
  kind: 'year' | 'half' | 'quarter' | 'month' | 'custom';
  /** As asked: `2025`, `2025-H1`, `2025-Q2`, `2025-03`, or `2025-01-01..2025-02-15`. */
  label: string;
  from: string;
  to: string;
  /** Exclusive end: the day after `to`. */
  end: string;
}

export interface PeriodInput {
  period?: string;
  from?: string;
  to?: string;
}

/** The longest custom period, in days (ten years). */
export const MAX_PERIOD_DAYS = 3660;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export function addDays(isoDate: string, days: number): string {
  return isoDateOfDayNumber(localDayNumber(isoDate) + days);
}

export function addMonths(isoDate: string, months: number): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

export function yearStart(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-01-01`;
}

export function monthStart(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

/** The first day of the quarter holding a day: 1 January, 1 April, 1 July or 1 October. */
export function quarterStart(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

function monthsPeriod(kind: ReportPeriod['kind'], label: string, first: string, months: number): ReportPeriod {
  const end = addMonths(first, months);
  return { kind, label, from: first, to: addDays(end, -1), end };
}

/**
 * Reads a period from `period` (a year `2025`, a half `2025-H1`, a quarter `2025-Q2`, a month
 * `2025-03`) or from `from` and `to` (yyyy-MM-dd, both included). Without any, the current
 * year (of `today`). Problems name the field at fault.
 */
export function parsePeriod(input: PeriodInput, today: string): { period?: ReportPeriod; problems: RuleViolation[] } {
  const problems: RuleViolation[] = [];
  const { period, from, to } = input;
  if (period !== undefined && (from !== undefined || to !== undefined)) {
    problems.push({ field: 'period', reason: 'give either period or from and to, not both' });
    return { problems };
  }
  if (period !== undefined) {
    const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/.exec(period);
    if (!match) {
      problems.push({ field: 'period', reason: 'must be a year (2025), a half (2025-H1), a quarter (2025-Q2) or a month (2025-03)' });
      return { problems };
    }
    const year = Number(match[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      problems.push({ field: 'period', reason: `the year must be between ${MIN_YEAR} and ${MAX_YEAR}` });
      return { problems };
    }
    const y = match[1];
    if (match[2]) return { period: monthsPeriod('month', period, `${y}-${match[2]}-01`, 1), problems };
    if (match[3]) return { period: monthsPeriod('quarter', period, addMonths(`${y}-01-01`, (Number(match[3]) - 1) * 3), 3), problems };
    if (match[4]) return { period: monthsPeriod('half', period, addMonths(`${y}-01-01`, (Number(match[4]) - 1) * 6), 6), problems };
    return { period: monthsPeriod('year', period, `${y}-01-01`, 12), problems };
  }
  if (from === undefined && to === undefined) {
    const y = today.slice(0, 4);
    return { period: monthsPeriod('year', y, `${y}-01-01`, 12), problems };
  }
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (value === undefined) problems.push({ field, reason: 'is required with ' + (field === 'from' ? 'to' : 'from') + ' (a custom period gives both, yyyy-MM-dd)' });
    else if (!isIsoDate(value)) problems.push({ field, reason: 'must be a date yyyy-MM-dd' });
    else if (Number(value.slice(0, 4)) < MIN_YEAR || Number(value.slice(0, 4)) > MAX_YEAR) problems.push({ field, reason: `the year must be between ${MIN_YEAR} and ${MAX_YEAR}` });
  }
  if (problems.length > 0) return { problems };
  const days = localDayNumber(to!) - localDayNumber(from!) + 1;
  if (days < 1) return { problems: [{ field: 'to', reason: 'must not be before from' }] };
  if (days > MAX_PERIOD_DAYS) return { problems: [{ field: 'to', reason: `a period spans at most ${MAX_PERIOD_DAYS} days` }] };
  return { period: { kind: 'custom', label: `${from}..${to}`, from: from!, to: to!, end: addDays(to!, 1) }, problems };
}

/**
 * Roll-up grains: a row per day (`D`), per ten days of a month (`T`, a dekad: days 1-10, 11-20
 * and 21 to the month's end, keyed by its first day), per month (`M`, keyed by its first day),
 * per quarter (`Q`, keyed by its first day) and per year (`Y`, keyed by 1 January). Every change
 * is written to all five, so any range of days is read as a few year rows, at most 3 quarters,
 * and at each end at most 2 months, 2 dekads and 10 days (rather than up to 11 months and 30
 * days: a day's rows are nearly as many as a month's, one per combination of agency, field,
 * level, procedure and channel in use).
 */
export const GRAINS = ['D', 'T', 'M', 'Q', 'Y'] as const;
export type Grain = (typeof GRAINS)[number];

/** Rows of one grain whose period starts from `from` (included) to `to` (excluded). */
export interface CoverRange {
  grain: Grain;
  from: string;
  to: string;
}

/** The first day of the dekad holding a day: the 1st, the 11th or the 21st of its month. */
export function dekadStart(day: string): string {
  const date = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${date <= 10 ? '01' : date <= 20 ? '11' : '21'}`;
}

/** The first day of the dekad after the one starting on `start`. */
function nextDekad(start: string): string {
  const date = start.slice(8, 10);
  return date === '01' ? `${start.slice(0, 8)}11` : date === '11' ? `${start.slice(0, 8)}21` : addMonths(monthStart(start), 1);
}

/** The start of each grain's period holding a day: the day, its dekad, its month, its quarter, its year. */
export function grainStarts(day: string): Record<Grain, string> {
  return { D: day, T: dekadStart(day), M: monthStart(day), Q: quarterStart(day), Y: yearStart(day) };
}

/** The fewest whole years, quarters, months, dekads and days exactly covering the days from `from` to `end` (excluded). */
export function coverOf(from: string, end: string): CoverRange[] {
  const ranges: CoverRange[] = [];
  const push = (grain: Grain, start: string, next: string) => {
    const last = ranges[ranges.length - 1];
    if (last && last.grain === grain && last.to === start) last.to = next;
    else ranges.push({ grain, from: start, to: next });
  };
  let cursor = from;
  while (cursor < end) {
    const nextYear = addMonths(cursor, 12);
    const nextQuarter = addMonths(cursor, 3);
    const nextMonth = addMonths(cursor, 1);
    if (cursor.endsWith('-01-01') && nextYear <= end) {
      push('Y', cursor, nextYear);
      cursor = nextYear;
    } else if (quarterStart(cursor) === cursor && nextQuarter <= end) {
      push('Q', cursor, nextQuarter);
      cursor = nextQuarter;
    } else if (cursor.endsWith('-01') && nextMonth <= end) {
      push('M', cursor, nextMonth);
      cursor = nextMonth;
    } else if (dekadStart(cursor) === cursor && nextDekad(cursor) <= end) {
      push('T', cursor, nextDekad(cursor));
      cursor = nextDekad(cursor);
    } else {
      const next = addDays(cursor, 1);
      push('D', cursor, next);
      cursor = next;
    }
  }
  return ranges;
}

/** Every day before `end`, since the beginning: earlier years, earlier quarters of its year, months of its quarter, dekads and days of its month. */
export function coverBefore(end: string): CoverRange[] {
  const ranges: CoverRange[] = [{ grain: 'Y', from: '0001-01-01', to: yearStart(end) }];
  if (quarterStart(end) > yearStart(end)) ranges.push({ grain: 'Q', from: yearStart(end), to: quarterStart(end) });
  if (monthStart(end) > quarterStart(end)) ranges.push({ grain: 'M', from: quarterStart(end), to: monthStart(end) });
  if (dekadStart(end) > monthStart(end)) ranges.push({ grain: 'T', from: monthStart(end), to: dekadStart(end) });
  if (end > dekadStart(end)) ranges.push({ grain: 'D', from: dekadStart(end), to: end });
  return ranges;
}
