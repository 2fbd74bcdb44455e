import { describe, expect, it } from '@jest/globals';
import { lunarToGregorian } from './lunar-calendar.js';
import { vietnamPublicHolidays } from './vietnam-holidays.js';

describe('the Vietnamese lunar calendar', () => {
  it.each([
    [1985, '1985-01-21'], // Vietnam (UTC+7) differs from China (20 February) this year
    [2007, '2007-02-17'], // China: 18 February
    [2020, '2020-01-25'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2030, '2030-02-02'], // the new moon is at 23:07 in Hanoi, 00:07 the next day in Beijing
  ])('puts Tết %i on %s', (year, date) => {
    expect(lunarToGregorian(year, 1, 1)).toBe(date);
  });

  it.each([
    [2020, '2020-04-02'], // leap 4th month later that year
    [2023, '2023-04-29'], // after a leap 2nd month
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('puts Hùng Kings day %i (10/3 lunar) on %s', (year, date) => {
    expect(lunarToGregorian(year, 3, 10)).toBe(date);
  });
});

describe('statutory public holidays', () => {
  const byDate = (year: number) => new Map(vietnamPublicHolidays(year).map((day) => [day.date, day]));

  it('gives 2026 its eleven holidays and the make-up day for Hùng Kings on a Sunday', () => {
    const days = vietnamPublicHolidays(2026);
    expect(days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
    ]);
    expect(days.filter((d) => d.kind === 'compensatory').map((d) => d.date)).toEqual(['2026-04-27']);
  });

  it('makes up Tết days that fall on a weekend after the whole Tết break (2027)', () => {
    const days = byDate(2027);
    // Tết 2027 is Saturday 6 February: 5 Feb (Fri) to 9 Feb (Tue), two of them on the weekend.
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']) expect(days.get(date)?.kind).toBe('holiday');
    expect(days.get('2027-02-10')?.kind).toBe('compensatory');
    expect(days.get('2027-02-11')?.kind).toBe('compensatory');
    expect(days.has('2027-02-12')).toBe(false);
  });

  it('takes 3 September as the National Day\'s adjacent day when 1 September is a weekend day (2024)', () => {
    const days = byDate(2024);
    expect(days.get('2024-09-02')?.kind).toBe('holiday');
    expect(days.get('2024-09-03')?.kind).toBe('holiday');
    expect(days.has('2024-09-01')).toBe(false);
  });

  it('makes up 2 September on a Saturday on the Monday (2023), and 1 January on a Sunday (2023)', () => {
    const days = byDate(2023);
    expect(days.get('2023-09-01')?.kind).toBe('holiday');
    expect(days.get('2023-09-04')?.kind).toBe('compensatory');
    expect(days.get('2023-01-02')?.kind).toBe('compensatory');
  });

  it('moves a make-up day past other holidays: 30 April 2022 (Saturday) is made up after 1 May\'s own make-up', () => {
    const days = byDate(2022);
    // 30/4 Saturday → Monday 2 May; 1/5 Sunday → Tuesday 3 May.
    expect(days.get('2022-05-02')?.kind).toBe('compensatory');
    expect(days.get('2022-05-03')?.kind).toBe('compensatory');
  });
});
