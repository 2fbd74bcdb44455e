import { localInstant, splitLocal } from '../calendar/local-time.js';

/** Quiet hours in Vietnam's time (UTC+7, no daylight saving), as minutes after local midnight; `start` may be after `end` (over midnight). */
export interface QuietHours {
  start: number;
  end: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `21:00-07:00` → the quiet hours; `off` → none. Undefined for anything else. */
export function parseQuietHours(text: string): QuietHours | null | undefined {
  if (text.trim().toLowerCase() === 'off') return null;
  const [from, to, ...rest] = text.split('-').map((part) => part.trim());
  const a = HH_MM.exec(from ?? '');
  const b = HH_MM.exec(to ?? '');
  if (!a || !b || rest.length > 0) return undefined;
  const start = Number(a[1]) * 60 + Number(a[2]);
  const end = Number(b[1]) * 60 + Number(b[2]);
  return start === end ? undefined : { start, end };
}

/**
 * When a message due at `at` may go: at once outside the quiet hours, else at their end (07:00
 * of that morning, or of the next one when it is before midnight).
 */
export function afterQuietHours(at: Date, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const { day, minute } = splitLocal(at);
  const overMidnight = quiet.start > quiet.end;
  const inside = overMidnight ? minute >= quiet.start || minute < quiet.end : minute >= quiet.start && minute < quiet.end;
  if (!inside) return at;
  const endDay = overMidnight && minute >= quiet.start ? day + 1 : day;
  return localInstant(endDay, quiet.end);
}
