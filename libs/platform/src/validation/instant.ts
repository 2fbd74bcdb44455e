import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The one form of a date and time the API takes: RFC 3339, `YYYY-MM-DDTHH:MM:SS`, an optional
 * fraction of a second (1-9 digits), then `Z` or an offset `±HH:MM`.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

export const INSTANT_EXAMPLE = '2026-03-16T10:00:00+07:00';

/** What the API says of a time it refuses, after the field's name. */
export const INSTANT_FORM = `must be a date and time in RFC 3339 form, YYYY-MM-DDTHH:MM:SS[.fraction] then Z or an offset ±HH:MM, such as ${INSTANT_EXAMPLE}`;

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A real date and time in RFC 3339 form (see RFC_3339), year 0001-9999, offsets up to ±14:59:
 * what JavaScript's Date and PostgreSQL's timestamptz both read, and read alike. ISO 8601's
 * other forms (week dates `2026-W01`, basic `20261204T000000Z`, a decimal comma, hours without
 * minutes, a bare year) are refused, as are 30 February and 24:00.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = RFC_3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[7] !== undefined && (Number(match[8]) > 14 || Number(match[9]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/**
 * A date and time the API can use, written as RFC 3339 (see isInstant), in place of
 * class-validator's IsISO8601, whose strict mode still lets through ISO 8601 forms that
 * Date and PostgreSQL cannot read (a 500 later, rather than a 400 naming the field here).
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: (args) => `${args?.property ?? 'the value'} ${INSTANT_FORM}`,
      },
    },
    options,
  );
}
