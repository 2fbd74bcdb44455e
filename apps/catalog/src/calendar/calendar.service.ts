import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatLocal, processingMinutes, toLocalIsoDate, vietnamPublicHolidays, WorkingCalendar } from '@onestop/domain';
import { type FieldProblem, ProblemException } from '@onestop/platform';
import { ProceduresService } from '../procedures/procedures.service.js';
import type { AppointmentQuery, CalendarDayRequest, OfficeHoursRequest } from './calendar.dto.js';
import { CalendarRepository } from './calendar.repository.js';
import type { AppointmentView, CalendarDayView, CalendarYearView, WorkingTimeView } from './calendar.views.js';

/** Years ahead of a date whose holidays a computation may need (long procedures run into next year). */
const YEARS_AHEAD = 2;

/**
 * The working-time calendar: statutory holidays generated per year from the Labour Code rules
 * (lunar dates included), administrators' overrides (extra days off, swapped Saturdays), and
 * office hours. The arithmetic itself is libs/domain's WorkingCalendar.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly procedures: ProceduresService,
  ) {}

  /** Writes the statutory days of a year once; overrides already set for a date win. */
  async ensureYear(year: number, manager?: EntityManager): Promise<void> {
    if (!(await this.calendar.claimYear(year, manager))) return;
    const days = vietnamPublicHolidays(year);
    if (days.length === 0) return;
    await this.calendar.insertRuleDays(days, manager);
  }

  async year(year: number): Promise<CalendarYearView> {
    await this.ensureYear(year);
    const settings = await this.calendar.settings();
    const days = (await this.calendar.daysOfYear(year)) as CalendarDayView[];
    const calendar = new WorkingCalendar({ sessions: settings.sessions, weekendDays: settings.weekend_days, daysOff: new Set(), workingDays: new Set() });
    return { year, sessions: settings.sessions, weekendDays: settings.weekend_days, minutesPerDay: calendar.minutesPerDay, days };
  }

  async setOfficeHours(request: OfficeHoursRequest): Promise<CalendarYearView> {
    try {
      new WorkingCalendar({ sessions: request.sessions, weekendDays: request.weekendDays, daysOff: new Set(), workingDays: new Set() });
    } catch (error) {
      throw ProblemException.unprocessable('invalid-office-hours', error instanceof Error ? error.message : String(error), [
        { field: 'sessions', reason: error instanceof Error ? error.message : 'invalid' },
      ]);
    }
    if (new Set(request.weekendDays).size === 7) {
      throw ProblemException.unprocessable('invalid-office-hours', 'At least one weekday must be a working day.', [{ field: 'weekendDays', reason: 'leaves no working day' }]);
    }
    await this.calendar.setOfficeHours(request.sessions, [...new Set(request.weekendDays)].sort());
    return this.year(new Date().getUTCFullYear());
  }

  /** An administrator's decision for one date: it replaces the statutory rule for that date. */
  async setDay(date: string, request: CalendarDayRequest): Promise<CalendarDayView> {
    assertDate(date);
    await this.ensureYear(Number(date.slice(0, 4)));
    await this.calendar.setOverride({ date, kind: request.kind, name: request.name });
    return { date, kind: request.kind, name: request.name, source: 'override' };
  }

  /** Removes an override; the statutory rule for the date, if any, applies again. */
  async clearDay(date: string): Promise<void> {
    assertDate(date);
    if (!(await this.calendar.removeOverride(date))) throw ProblemException.notFound('calendar-override-not-found', `No administrator's setting for ${date}.`);
    const rule = vietnamPublicHolidays(Number(date.slice(0, 4))).find((day) => day.date === date);
    if (rule) await this.calendar.insertRuleDay(rule);
  }

  /** The calendar covering `from` and the years after it that a computation may reach. */
  async calendarFrom(from: Date, years = YEARS_AHEAD): Promise<WorkingCalendar> {
    const firstYear = Number(toLocalIsoDate(from).slice(0, 4));
    for (let year = firstYear; year <= firstYear + years; year++) await this.ensureYear(year);
    const settings = await this.calendar.settings();
    const rows = await this.calendar.daysBetweenYears(firstYear, firstYear + years + 1);
    return new WorkingCalendar({
      sessions: settings.sessions,
      weekendDays: settings.weekend_days,
      daysOff: new Set(rows.filter((row) => row.kind !== 'working_day').map((row) => row.date)),
      workingDays: new Set(rows.filter((row) => row.kind === 'working_day').map((row) => row.date)),
    });
  }

  async appointment(query: AppointmentQuery): Promise<AppointmentView> {
    const given = [query.workingDays, query.workingHours, query.workingMinutes, query.procedureCode].filter((value) => value !== undefined).length;
    if (given !== 1) {
      const problem: FieldProblem = { field: 'workingDays', reason: 'give exactly one of workingDays, workingHours, workingMinutes or procedureCode' };
      throw ProblemException.badRequest('validation-failed', problem.reason, [problem]);
    }
    const receivedAt = new Date(query.receivedAt);
    let minutes: number;
    if (query.procedureCode) {
      const version = await this.procedures.versionInForce(query.procedureCode, toLocalIsoDate(receivedAt));
      minutes = processingMinutes(version.procedure.processingTime);
    } else if (query.workingDays !== undefined) {
      minutes = Math.round(query.workingDays * (await this.calendarFrom(receivedAt, 0)).minutesPerDay);
    } else if (query.workingMinutes !== undefined) {
      minutes = query.workingMinutes;
    } else {
      minutes = Math.round(query.workingHours! * 60);
    }
    const years = Math.max(YEARS_AHEAD, Math.ceil(minutes / 480 / 200) + 1);
    const calendar = await this.calendarFrom(receivedAt, years);
    const options = query.cutoff ? { cutoff: query.cutoff } : undefined;
    return {
      receivedAt: formatLocal(receivedAt),
      countingFrom: formatLocal(calendar.countingStart(receivedAt, options)),
      workingMinutes: minutes,
      appointmentAt: formatLocal(calendar.addWorkingMinutes(receivedAt, minutes, options)),
    };
  }

  async workingTime(fromText: string, toText: string): Promise<WorkingTimeView> {
    const from = new Date(fromText);
    const to = new Date(toText);
    if (to < from) {
      throw ProblemException.badRequest('validation-failed', 'to is before from', [{ field: 'to', reason: 'must not be before from' }]);
    }
    const years = Number(toLocalIsoDate(to).slice(0, 4)) - Number(toLocalIsoDate(from).slice(0, 4));
    if (years > 20) throw ProblemException.badRequest('validation-failed', 'the span is longer than 20 years', [{ field: 'to', reason: 'is more than 20 years after from' }]);
    const calendar = await this.calendarFrom(from, years);
    const minutes = calendar.workingMinutesBetween(from, to);
    return { from: formatLocal(from), to: formatLocal(to), workingMinutes: minutes, workingHours: Math.round((minutes / 60) * 100) / 100 };
  }
}

function assertDate(date: string): void {
  // A real calendar date: 2026-02-30 matches the pattern but is not one.
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw ProblemException.badRequest('validation-failed', 'date must be a date such as 2026-05-02', [{ field: 'date', reason: 'must be a date such as 2026-05-02' }]);
  }
}
