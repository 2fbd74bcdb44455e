import { isoDateOfDayNumber, isoWeekday, localInstant, splitLocal } from './local-time.js';

/** A working session of a day in local time, e.g. 07:00-11:30 (giờ hành chính). */
export interface OfficeSession {
  start: string;
  end: string;
}

export interface WorkingCalendarData {
  /** Sessions of a working day, in order and not overlapping. */
  sessions: OfficeSession[];
  /** ISO weekdays that are not working days (6 Saturday, 7 Sunday). */
  weekendDays: number[];
  /** Dates (yyyy-MM-dd) off work: holidays, compensatory days, extra days off. */
  daysOff: ReadonlySet<string>;
  /** Weekend dates made working days (the government's yearly day swaps). */
  workingDays: ReadonlySet<string>;
}

export interface CountingOptions {
  /**
   * Local time (HH:mm) after which a receipt counts from the next working day, e.g. 15:00 for
   * paper transferred between agencies. Without it, a receipt counts from the next working
   * session (after 17:00: the next working morning).
   */
  cutoff?: string;
}

/** Default office hours: 07:00-11:30 and 13:30-17:00, 8 working hours a day. */
export const DEFAULT_OFFICE_SESSIONS: OfficeSession[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];
export const DEFAULT_WEEKEND_DAYS = [6, 7];

/** A day (1970-based local day number) at most this far ahead is searched for working time. */
const MAX_DAYS_SEARCHED = 366 * 30;

function minuteOfDay(time: string, what: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`${what} must be a time such as 07:00, not ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Working-time arithmetic on the business calendar: the appointment date (ngày hẹn trả) as
 * receipt + statutory time counted in working minutes, and the working time between two
 * instants. Pure: the caller supplies the holidays, overrides and office hours.
 */
export class WorkingCalendar {
  private readonly sessions: Array<{ start: number; end: number }>;
  private readonly weekend: Set<number>;
  readonly minutesPerDay: number;

  constructor(private readonly data: WorkingCalendarData) {
    if (data.sessions.length === 0) throw new Error('office hours need at least one session');
    this.sessions = data.sessions.map((session, index) => {
      const start = minuteOfDay(session.start, `sessions[${index}].start`);
      const end = minuteOfDay(session.end, `sessions[${index}].end`);
      if (end <= start) throw new Error(`sessions[${index}] ends at ${session.end}, not after it starts at ${session.start}`);
      return { start, end };
    });
    for (let i = 1; i < this.sessions.length; i++) {
      if (this.sessions[i].start < this.sessions[i - 1].end) {
        throw new Error(`sessions[${i}] starts at ${data.sessions[i].start}, before sessions[${i - 1}] ends`);
      }
    }
    this.weekend = new Set(data.weekendDays);
    if (this.weekend.size >= 7 && data.workingDays.size === 0) throw new Error('every weekday is a weekend day: there is no working time');
    this.minutesPerDay = this.sessions.reduce((sum, s) => sum + s.end - s.start, 0);
  }

  /** Whether a local date (day number) is a working day. */
  isWorkingDay(day: number): boolean {
    const date = isoDateOfDayNumber(day);
    if (this.data.daysOff.has(date)) return false;
    if (this.data.workingDays.has(date)) return true;
    return !this.weekend.has(isoWeekday(day));
  }

  isWorkingDate(isoDate: string): boolean {
    return this.isWorkingDay(Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000));
  }

  /**
   * When the clock starts for something received at `receivedAt`: that instant if it falls in
   * office hours of a working day, otherwise the start of the next working session.
   */
  countingStart(receivedAt: Date, options: CountingOptions = {}): Date {
    const { day, minute } = splitLocal(receivedAt);
    const cutoff = options.cutoff === undefined ? undefined : minuteOfDay(options.cutoff, 'cutoff');
    if (this.isWorkingDay(day) && (cutoff === undefined || minute <= cutoff)) {
      for (const session of this.sessions) {
        if (minute < session.end) return minute <= session.start ? localInstant(day, session.start) : receivedAt;
      }
    }
    return localInstant(this.nextWorkingDay(day), this.sessions[0].start);
  }

  /**
   * The instant `minutes` working minutes after the clock starts for `receivedAt`. Time that
   * runs out exactly at the end of a session ends there (17:00), not at the next morning.
   */
  addWorkingMinutes(receivedAt: Date, minutes: number, options: CountingOptions = {}): Date {
    if (!(minutes >= 0)) throw new Error(`minutes must be zero or more, not ${minutes}`);
    const start = this.countingStart(receivedAt, options);
    let { day, minute } = splitLocal(start);
    let remaining = minutes;
    for (let searched = 0; searched < MAX_DAYS_SEARCHED; searched++) {
      if (this.isWorkingDay(day)) {
        for (const session of this.sessions) {
          if (minute >= session.end) continue;
          const from = Math.max(minute, session.start);
          const available = session.end - from;
          if (remaining <= available) return localInstant(day, from + remaining);
          remaining -= available;
        }
      }
      day = this.nextWorkingDay(day);
      minute = 0;
    }
    throw new Error(`no working time within ${MAX_DAYS_SEARCHED} days`);
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    const start = splitLocal(from);
    const end = splitLocal(to);
    let total = 0;
    for (let day = start.day; day <= end.day; day++) {
      if (!this.isWorkingDay(day)) continue;
      const lower = day === start.day ? start.minute : 0;
      const upper = day === end.day ? end.minute : 24 * 60;
      for (const session of this.sessions) {
        total += Math.max(0, Math.min(upper, session.end) - Math.max(lower, session.start));
      }
    }
    return Math.round(total * 1000) / 1000;
  }

  private nextWorkingDay(day: number): number {
    for (let next = day + 1; next <= day + MAX_DAYS_SEARCHED; next++) {
      if (this.isWorkingDay(next)) return next;
    }
    throw new Error(`no working day within ${MAX_DAYS_SEARCHED} days`);
  }
}
