/**
 * The business calendar runs on Asia/Ho_Chi_Minh, which is UTC+7 all year (no daylight
 * saving), so local wall-clock time is a fixed shift of UTC.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
const MS_PER_DAY = 86_400_000;

/** The local calendar date (yyyy-MM-dd) of an instant. */
export function toLocalIsoDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the Vietnam offset, e.g. 2026-03-16T10:00:00+07:00. */
export function formatLocal(instant: Date): string {
  const local = new Date(instant.getTime() + OFFSET_MS).toISOString();
  const fraction = local.slice(19, 23) === '.000' ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${fraction}+07:00`;
}

/** Days since 1970-01-01 of a local date, and back; the arithmetic works on these. */
export function localDayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

export function isoDateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 Monday ... 7 Sunday. */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The instant of a local day plus minutes after local midnight. */
export function localInstant(day: number, minuteOfDay: number): Date {
  return new Date(day * MS_PER_DAY + minuteOfDay * 60_000 - OFFSET_MS);
}

/** Splits an instant into its local day number and minute of that day (fractional). */
export function splitLocal(instant: Date): { day: number; minute: number } {
  const local = instant.getTime() + OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  return { day, minute: (local - day * MS_PER_DAY) / 60_000 };
}

/** Whether a string is a real calendar date in the yyyy-MM-dd form (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
