import { isoDateOfDayNumber, isoWeekday, localDayNumber } from './local-time.js';
import { lunarToGregorian } from './lunar-calendar.js';

export interface StatutoryDay {
  date: string;
  /** holiday (ngày lễ, tết) or compensatory (nghỉ bù, for a holiday on a weekend). */
  kind: 'holiday' | 'compensatory';
  name: string;
}

/** The statutory weekend the make-up rule refers to: Saturday and Sunday. */
const STATUTORY_WEEKEND = new Set([6, 7]);

/**
 * Public holidays of a year under the Labour Code 2019, art. 112, for public servants:
 * 1 January; Tết Nguyên đán, 5 days (the last day of the lunar year and the first four of the
 * new one); Hùng Kings' day (10th of the 3rd lunar month); 30 April; 1 May; 2 September and one
 * adjacent day (the 1st when it is a weekday, otherwise the 3rd). A holiday falling on a
 * Saturday or Sunday is made up on the next working day (nghỉ bù). The government's yearly
 * day swaps are announced, not derived: administrators enter them as overrides.
 */
export function vietnamPublicHolidays(year: number): StatutoryDay[] {
  const holidays = new Map<number, string>();
  const add = (date: string, name: string) => holidays.set(localDayNumber(date), name);
  add(`${year}-01-01`, 'Tết Dương lịch');
  const tet = localDayNumber(lunarToGregorian(year, 1, 1));
  holidays.set(tet - 1, 'Tết Nguyên đán (30 Tết)');
  for (let i = 0; i < 4; i++) holidays.set(tet + i, `Tết Nguyên đán (mùng ${i + 1})`);
  add(lunarToGregorian(year, 3, 10), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(`${year}-04-30`, 'Ngày Chiến thắng (30/4)');
  add(`${year}-05-01`, 'Ngày Quốc tế Lao động (1/5)');
  add(`${year}-09-02`, 'Quốc khánh (2/9)');
  const september1 = localDayNumber(`${year}-09-01`);
  if (STATUTORY_WEEKEND.has(isoWeekday(september1))) add(`${year}-09-03`, 'Quốc khánh (ngày liền kề)');
  else add(`${year}-09-01`, 'Quốc khánh (ngày liền kề)');

  const days: StatutoryDay[] = [...holidays].map(([day, name]) => ({ date: isoDateOfDayNumber(day), kind: 'holiday', name }));
  const taken = new Set(holidays.keys());
  for (const day of [...holidays.keys()].sort((a, b) => a - b)) {
    if (!STATUTORY_WEEKEND.has(isoWeekday(day))) continue;
    let makeUp = day + 1;
    while (taken.has(makeUp) || STATUTORY_WEEKEND.has(isoWeekday(makeUp))) makeUp++;
    taken.add(makeUp);
    days.push({ date: isoDateOfDayNumber(makeUp), kind: 'compensatory', name: `Nghỉ bù ${holidays.get(day)}` });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
