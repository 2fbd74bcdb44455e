import { describe, expect, it } from '@jest/globals';
import { formatLocal } from './local-time.js';
import { vietnamPublicHolidays } from './vietnam-holidays.js';
import { DEFAULT_OFFICE_SESSIONS, DEFAULT_WEEKEND_DAYS, WorkingCalendar, type WorkingCalendarData } from './working-calendar.js';

function calendar(overrides: Partial<WorkingCalendarData> = {}): WorkingCalendar {
  const holidays = [2025, 2026, 2027].flatMap((year) => vietnamPublicHolidays(year).map((day) => day.date));
  return new WorkingCalendar({
    sessions: DEFAULT_OFFICE_SESSIONS,
    weekendDays: DEFAULT_WEEKEND_DAYS,
    daysOff: new Set(holidays),
    workingDays: new Set(),
    ...overrides,
  });
}

const at = (local: string) => new Date(local);
const DAY = 480;

describe('the appointment date (ngày hẹn trả)', () => {
  const appointment = (received: string, minutes: number, cutoff?: string, cal = calendar()) =>
    formatLocal(cal.addWorkingMinutes(at(received), minutes, cutoff ? { cutoff } : {}));

  it('adds working days within a week, keeping the time of day', () => {
    expect(appointment('2026-03-16T10:00:00+07:00', 3 * DAY)).toBe('2026-03-19T10:00:00+07:00');
  });

  it('skips the weekend', () => {
    expect(appointment('2026-03-19T10:00:00+07:00', 2 * DAY)).toBe('2026-03-23T10:00:00+07:00');
  });

  it('skips the lunch break', () => {
    expect(appointment('2026-03-16T11:00:00+07:00', 60)).toBe('2026-03-16T14:00:00+07:00');
  });

  it('counts a receipt after 17:00 from the next working morning', () => {
    expect(appointment('2026-03-16T17:30:00+07:00', 60)).toBe('2026-03-17T08:00:00+07:00');
    expect(appointment('2026-03-20T18:00:00+07:00', DAY)).toBe('2026-03-23T17:00:00+07:00');
  });

  it('counts a receipt before office hours or at lunch from the session that follows', () => {
    expect(appointment('2026-03-16T06:15:00+07:00', 30)).toBe('2026-03-16T07:30:00+07:00');
    expect(appointment('2026-03-16T12:00:00+07:00', 30)).toBe('2026-03-16T14:00:00+07:00');
  });

  it('counts paper transferred after the 15:00 cutoff from the next working day', () => {
    expect(appointment('2026-03-16T15:30:00+07:00', 4 * 60, '15:00')).toBe('2026-03-17T11:00:00+07:00');
    expect(appointment('2026-03-16T14:30:00+07:00', 4 * 60, '15:00')).toBe('2026-03-17T08:30:00+07:00');
  });

  it('counts across Tết: received the Friday before, three working days later is after the break', () => {
    // 13 Feb 2026 (Fri) 10:00: 300 minutes that day, then 16-20 Feb Tết, 21-22 weekend.
    expect(appointment('2026-02-13T10:00:00+07:00', 3 * DAY)).toBe('2026-02-25T10:00:00+07:00');
  });

  it('counts a Saturday swapped into a working day', () => {
    const swapped = calendar({ workingDays: new Set(['2026-03-21']) });
    expect(appointment('2026-03-20T16:00:00+07:00', 120, undefined, swapped)).toBe('2026-03-21T08:00:00+07:00');
    expect(appointment('2026-03-20T16:00:00+07:00', 120)).toBe('2026-03-23T08:00:00+07:00');
  });

  it('skips an extra day off that replaced a working day', () => {
    const bridged = calendar({ daysOff: new Set(['2026-03-17']) });
    expect(appointment('2026-03-16T16:00:00+07:00', 120, undefined, bridged)).toBe('2026-03-18T08:00:00+07:00');
  });

  it('handles half days: half a working day from the morning ends after lunch', () => {
    expect(appointment('2026-03-16T08:00:00+07:00', DAY / 2)).toBe('2026-03-16T14:00:00+07:00');
    expect(appointment('2026-03-16T13:30:00+07:00', DAY / 2)).toBe('2026-03-17T07:30:00+07:00');
  });

  it('ends at 17:00, not the next morning, when the time runs out with the day', () => {
    expect(appointment('2026-03-16T07:00:00+07:00', DAY)).toBe('2026-03-16T17:00:00+07:00');
  });

  it('keeps an instant received in office hours as the start, and zero minutes means then', () => {
    const cal = calendar();
    expect(formatLocal(cal.countingStart(at('2026-03-16T09:17:00+07:00')))).toBe('2026-03-16T09:17:00+07:00');
    expect(appointment('2026-03-16T09:17:00+07:00', 0)).toBe('2026-03-16T09:17:00+07:00');
  });

  it('runs into the next year across 2 September and Tết for long procedures', () => {
    // 60 working days from 1 Dec 2026 crosses 1 Jan 2027 and Tết 2027 (5-11 Feb off).
    const result = appointment('2026-12-01T07:00:00+07:00', 60 * DAY);
    expect(result).toBe('2027-03-02T17:00:00+07:00');
  });

  it('works with other office hours', () => {
    const custom = calendar({ sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(custom.minutesPerDay).toBe(480);
    expect(appointment('2026-03-16T11:00:00+07:00', 120, undefined, custom)).toBe('2026-03-16T14:00:00+07:00');
  });
});

describe('working time between two instants', () => {
  const between = (from: string, to: string, cal = calendar()) => cal.workingMinutesBetween(at(from), at(to));

  it('counts only office hours of working days', () => {
    expect(between('2026-03-13T16:00:00+07:00', '2026-03-16T08:00:00+07:00')).toBe(120);
    expect(between('2026-03-16T07:00:00+07:00', '2026-03-16T17:00:00+07:00')).toBe(DAY);
    expect(between('2026-03-16T10:00:00+07:00', '2026-03-16T14:00:00+07:00')).toBe(90 + 30);
  });

  it('is zero across a holiday break and when to is before from', () => {
    expect(between('2026-02-13T17:00:00+07:00', '2026-02-23T07:00:00+07:00')).toBe(0);
    expect(between('2026-03-16T10:00:00+07:00', '2026-03-16T09:00:00+07:00')).toBe(0);
  });

  it('agrees with the appointment arithmetic', () => {
    const cal = calendar();
    const start = at('2026-04-20T09:45:00+07:00');
    for (const minutes of [1, 59, 480, 1000, 7 * DAY, 33 * DAY + 17]) {
      const end = cal.addWorkingMinutes(start, minutes);
      expect(cal.workingMinutesBetween(start, end)).toBe(minutes);
    }
  });
});

describe('office hours', () => {
  it('refuses sessions that end before they start or overlap, and a week with no working day', () => {
    expect(() => calendar({ sessions: [{ start: '13:00', end: '12:00' }] })).toThrow(/sessions\[0\]/);
    expect(() => calendar({ sessions: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }] })).toThrow(/sessions\[1\]/);
    expect(() => calendar({ sessions: [{ start: '7:00', end: '12:00' }] })).toThrow(/07:00/);
    expect(() => calendar({ weekendDays: [1, 2, 3, 4, 5, 6, 7] })).toThrow(/no working time/);
  });
});
