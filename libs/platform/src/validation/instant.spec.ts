import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { IsInstant, isInstant } from './instant.js';

class Probe {
  @IsInstant()
  at: unknown;
}

const problems = (at: unknown) => validateSync(Object.assign(new Probe(), { at })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('a date and time in RFC 3339 form', () => {
  it.each([
    '2026-03-16T10:00:00+07:00',
    '2026-03-16T03:00:00Z',
    '2026-03-16T03:00:00.5Z',
    '2026-03-16T03:00:00.123456789-05:30',
    '2024-02-29T23:59:59+14:00',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('takes %s, which Date reads', (value) => {
    expect(isInstant(value)).toBe(true);
    expect(Number.isNaN(Date.parse(value))).toBe(false);
  });

  it.each([
    // ISO 8601 forms IsISO8601({ strict: true }) took, that Date (and PostgreSQL) cannot read
    ['an ordinal date in basic form', '6521214'],
    ['a week date', '2026-W01'],
    ['the basic form', '20261204T000000Z'],
    ['a decimal comma', '2026-12-04T10:00:00,5Z'],
    ['hours without minutes', '2026-12-04T10Z'],
    ['no seconds', '2026-12-04T10:00Z'],
    ['no offset', '2026-12-04T10:00:00'],
    ['a date alone', '2026-12-04'],
    ['a space for the T', '2026-12-04 10:00:00Z'],
    ['lower case', '2026-12-04t10:00:00z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['hour 24', '2026-12-04T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['a six-digit year', '+010000-01-01T00:00:00Z'],
    ['a negative year', '-000001-01-01T00:00:00Z'],
    ['an offset beyond any zone', '2026-03-16T10:00:00+23:59'],
    ['an offset without a colon', '2026-03-16T10:00:00+0700'],
    ['ten fraction digits', '2026-03-16T10:00:00.1234567890Z'],
    ['a trailing newline', '2026-03-16T10:00:00Z\n'],
  ])('refuses %s (%s)', (_, value) => {
    expect(isInstant(value)).toBe(false);
  });

  it('refuses what is not text, and names the field with the form expected and an example', () => {
    expect(isInstant(1773630000000)).toBe(false);
    expect(isInstant(new Date())).toBe(false);
    expect(problems('2026-W01')).toEqual([expect.stringMatching(/^at must be a date and time in RFC 3339 form, YYYY-MM-DDTHH:MM:SS.*such as 2026-03-16T10:00:00\+07:00$/)]);
    expect(problems('2026-03-16T10:00:00+07:00')).toEqual([]);
  });
});
