import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OfficeSession } from '@onestop/domain';

export interface CalendarSettingsRow {
  sessions: OfficeSession[];
  weekend_days: number[];
}

export interface CalendarDayRow {
  date: string;
  kind: string;
  name: string;
  source: 'rule' | 'override';
}

/** A statutory day (holiday, or a weekend day worked in exchange) as libs/domain's rules give it. */
export interface RuleDay {
  date: string;
  kind: string;
  name: string;
}

/**
 * Every statement on the working-time calendar: its office hours (`calendar_settings`), its days
 * (`calendar_days`, statutory rules and administrators' overrides) and the years whose statutory
 * days were written (`calendar_years`).
 */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks the year's statutory days as written; false when they were already. */
  async claimYear(year: number, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const claimed = (await manager.query(`INSERT INTO calendar_years (year) VALUES ($1) ON CONFLICT (year) DO NOTHING RETURNING year`, [year])) as unknown[];
    return claimed.length > 0;
  }

  /** Writes statutory days; a date already set (an override) keeps its setting. */
  async insertRuleDays(days: RuleDay[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_days (date, kind, name, source)
       SELECT d.date::date, d.kind, d.name, 'rule' FROM jsonb_to_recordset($1::jsonb) AS d(date text, kind text, name text)
       ON CONFLICT (date) DO NOTHING`,
      [JSON.stringify(days)],
    );
  }

  /** One statutory day, unless the date is set already. */
  async insertRuleDay(day: RuleDay): Promise<void> {
    await this.dataSource.query(`INSERT INTO calendar_days (date, kind, name, source) VALUES ($1, $2, $3, 'rule') ON CONFLICT (date) DO NOTHING`, [day.date, day.kind, day.name]);
  }

  /** Every day set in a year, in date order. */
  async daysOfYear(year: number): Promise<CalendarDayRow[]> {
    return (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name, source FROM calendar_days
        WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) ORDER BY date`,
      [year],
    )) as CalendarDayRow[];
  }

  /** The days set from the first day of `firstYear` to the first day of `endYear`. */
  async daysBetweenYears(firstYear: number, endYear: number): Promise<Array<{ date: string; kind: string }>> {
    return (await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE date >= make_date($1, 1, 1) AND date < make_date($2, 1, 1)`,
      [firstYear, endYear],
    )) as Array<{ date: string; kind: string }>;
  }

  /** An administrator's setting for a date, replacing whatever was set. */
  async setOverride(day: RuleDay): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO calendar_days (date, kind, name, source) VALUES ($1, $2, $3, 'override')
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = 'override'`,
      [day.date, day.kind, day.name],
    );
  }

  /** False when the date had no administrator's setting. */
  async removeOverride(date: string): Promise<boolean> {
    // Through a CTE, as a SELECT: TypeORM answers a bare DELETE with [rows, count], not rows.
    const removed = (await this.dataSource.query(`WITH removed AS (DELETE FROM calendar_days WHERE date = $1 AND source = 'override' RETURNING date) SELECT date FROM removed`, [
      date,
    ])) as unknown[];
    return removed.length > 0;
  }

  async settings(): Promise<CalendarSettingsRow> {
    const [row] = (await this.dataSource.query(`SELECT sessions, weekend_days FROM calendar_settings WHERE id = 1`)) as CalendarSettingsRow[];
    return row;
  }

  async setOfficeHours(sessions: OfficeSession[], weekendDays: number[]): Promise<void> {
    await this.dataSource.query(`UPDATE calendar_settings SET sessions = $1, weekend_days = $2, updated_at = now() WHERE id = 1`, [JSON.stringify(sessions), weekendDays]);
  }
}
