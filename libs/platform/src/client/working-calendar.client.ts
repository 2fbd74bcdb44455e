import { Injectable } from '@nestjs/common';
import { type OfficeSession, toLocalIsoDate, WorkingCalendar } from '@onestop/domain';
import { Clock } from '../clock/clock.js';
import { ProblemException } from '../errors/problem.js';
import { ServiceClient } from './service-client.js';

interface CalendarYear {
  sessions: OfficeSession[];
  weekendDays: number[];
  days: Array<{ date: string; kind: string }>;
}

/**
 * How long a fetched calendar is reused: an administrator's change (a declared day off, new
 * office hours) reaches appointment dates and the processing clock within this.
 */
export const WORKING_CALENDAR_CACHE_MS = 5 * 60_000;

/** A calendar from catalog and the last date (local, `yyyy-MM-dd`) whose days it knows. */
export interface FetchedCalendar {
  calendar: WorkingCalendar;
  knownUntil: string;
}

/**
 * The working-time calendar (catalog's holidays, overrides and office hours) as a
 * WorkingCalendar for libs/domain's arithmetic, covering last year to two years ahead: cases
 * run across New Year and Tết, and a post dossier may be received in the days before. Kept for
 * WORKING_CALENDAR_CACHE_MS, so the services that count working time (intake's appointment
 * dates, workflow's clock) do not ask catalog on every request.
 */
@Injectable()
export class WorkingCalendarClient {
  private cached?: FetchedCalendar & { firstYear: number; fetchedAt: number };

  constructor(
    private readonly client: ServiceClient,
    private readonly clock: Clock,
  ) {}

  async calendar(): Promise<WorkingCalendar> {
    return (await this.fetched()).calendar;
  }

  async fetched(): Promise<FetchedCalendar> {
    const year = Number(toLocalIsoDate(this.clock.now()).slice(0, 4));
    if (this.cached && this.cached.firstYear === year - 1 && Date.now() - this.cached.fetchedAt < WORKING_CALENDAR_CACHE_MS) return this.cached;
    const years = await Promise.all([year - 1, year, year + 1, year + 2].map((y) => this.year(y)));
    const days = years.flatMap((y) => y.days);
    const calendar = new WorkingCalendar({
      sessions: years[1].sessions,
      weekendDays: years[1].weekendDays,
      daysOff: new Set(days.filter((d) => d.kind !== 'working_day').map((d) => d.date)),
      workingDays: new Set(days.filter((d) => d.kind === 'working_day').map((d) => d.date)),
    });
    this.cached = { calendar, knownUntil: `${year + 2}-12-31`, firstYear: year - 1, fetchedAt: Date.now() };
    return this.cached;
  }

  private async year(year: number): Promise<CalendarYear> {
    const response = await this.client.request<CalendarYear>('catalog', { path: '/api/v1/calendar', query: { year } });
    if (response.status !== 200) throw ProblemException.serviceUnavailable('dependency-failed', 'The working-time calendar could not be read; try again shortly.');
    return response.body;
  }
}
