import { Injectable } from '@nestjs/common';
import { type OfficeSession, toLocalIsoDate, WorkingCalendar } from '@onestop/domain';
import { Clock, ProblemException, ServiceClient } from '@onestop/platform';

interface CalendarYear {
  sessions: OfficeSession[];
  weekendDays: number[];
  days: Array<{ date: string; kind: string }>;
}

/** How long a fetched calendar is reused: administrators' changes reach the clock within this. */
const CACHE_MS = 5 * 60_000;

/**
 * The working-time calendar from catalog, as a WorkingCalendar for libs/domain's arithmetic,
 * covering last year to two years ahead (cases run across New Year and Tết).
 */
@Injectable()
export class CalendarClient {
  private cached?: { calendar: WorkingCalendar; firstYear: number; fetchedAt: number };

  constructor(
    private readonly client: ServiceClient,
    private readonly clock: Clock,
  ) {}

  async calendar(): Promise<WorkingCalendar> {
    const now = this.clock.now();
    const year = Number(toLocalIsoDate(now).slice(0, 4));
    if (this.cached && this.cached.firstYear === year - 1 && Date.now() - this.cached.fetchedAt < CACHE_MS) return this.cached.calendar;
    const years = await Promise.all([year - 1, year, year + 1, year + 2].map((y) => this.year(y)));
    const days = years.flatMap((y) => y.days);
    const calendar = new WorkingCalendar({
      sessions: years[1].sessions,
      weekendDays: years[1].weekendDays,
      daysOff: new Set(days.filter((d) => d.kind !== 'working_day').map((d) => d.date)),
      workingDays: new Set(days.filter((d) => d.kind === 'working_day').map((d) => d.date)),
    });
    this.cached = { calendar, firstYear: year - 1, fetchedAt: Date.now() };
    return calendar;
  }

  private async year(year: number): Promise<CalendarYear> {
    const response = await this.client.request<CalendarYear>('catalog', { path: '/api/v1/calendar', query: { year } });
    if (response.status !== 200) throw ProblemException.serviceUnavailable('dependency-failed', 'The working-time calendar could not be read; try again shortly.');
    return response.body;
  }
}
