import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StatusChange } from '@onestop/domain';
import type { AppliedContributions } from '../facts/contributions.js';
import type { ReportContext } from '../reports/report-context.js';
import { dossierScope, Sql } from '../reports/rollup-reader.js';
import type { CellBounds, DrilldownColumn } from './drilldown-columns.js';

/** A fact as a list shows it, with what the reason is read from. */
export interface DrilldownRow {
  dossier_code: string;
  procedure_code: string;
  competent_agency_code: string;
  receiving_agency_code: string;
  field_code: string;
  level_code: string;
  channel: string;
  received_at: Date;
  initial_due_at: Date | null;
  due_at: Date | null;
  closed_at: Date | null;
  state: string;
  finish_class: string | null;
  statuses: StatusChange[];
  applied: AppliedContributions;
  result_ready_at: Date | null;
  result_kind: string | null;
  result_delivery_method: string | null;
  rating_score: number | null;
  rated_at: Date | null;
  sent_by_post_at: Date | null;
  delivered_by_post_at: Date | null;
  returned_to_agency_by_post_at: Date | null;
  anchor: Date;
}

/** Local midnight of a day, as an instant. */
export const midnightOf = (day: string) => `${day}T00:00:00+07:00`;

/**
 * The bounds of a report's cells as placeholders of `sql`, each a parameter only once a
 * column's condition uses it (PostgreSQL refuses a parameter no statement names).
 */
export function cellBounds(sql: Sql, context: ReportContext): CellBounds {
  const lazily = (value: string, cast: string) => {
    let placeholder: string | undefined;
    return () => (placeholder ??= sql.param(value, cast));
  };
  const from = lazily(midnightOf(context.period.from), '::timestamptz');
  const end = lazily(midnightOf(context.asOf), '::timestamptz');
  const fromDay = lazily(context.period.from, '::text');
  const endDay = lazily(context.asOf, '::text');
  return {
    get from() {
      return from();
    },
    get end() {
      return end();
    },
    get fromDay() {
      return fromDay();
    },
    get endDay() {
      return endDay();
    },
  };
}

/**
 * The facts behind one cell of a report: the column's condition, the report's scope (the very
 * filters the roll-ups are read with), newest first by the column's instant, a page at a time.
 */
@Injectable()
export class DrilldownRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(column: DrilldownColumn, context: ReportContext, limit: number, after?: { at: string; code: string }): Promise<DrilldownRow[]> {
    const sql = new Sql();
    const bounds = cellBounds(sql, context);
    const where = [`(${column.where(bounds)})`, ...dossierScope(sql, context.scope)];
    if (after) where.push(`(${column.anchor}, dossier_code) < (${sql.param(after.at, '::timestamptz')}, ${sql.param(after.code)})`);
    return (await this.dataSource.query(
      `SELECT dossier_code, procedure_code, competent_agency_code, receiving_agency_code, field_code, level_code, channel, received_at,
              initial_due_at, due_at, closed_at, state, finish_class, statuses, applied, result_ready_at, result_kind, result_delivery_method,
              rating_score, rated_at, sent_by_post_at, delivered_by_post_at, returned_to_agency_by_post_at, ${column.anchor} AS anchor
         FROM dossier_facts
        WHERE ${where.join(' AND ')}
        ORDER BY ${column.anchor} DESC, dossier_code DESC
        LIMIT ${sql.param(limit, '::int')}`,
      sql.params,
    )) as DrilldownRow[];
  }
}
