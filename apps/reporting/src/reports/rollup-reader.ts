import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CoverRange, coverBefore, coverOf, DOSSIER_FLOW_MEASURES } from '@onestop/domain';
import type { ReportContext, ReportScope } from './report-context.js';
import type { GroupBy } from './report-query.dto.js';

export type FlowMeasure = (typeof DOSSIER_FLOW_MEASURES)[number];

export interface StockFigures {
  withinTime: number;
  overdue: number;
  awaitingSupplement: number;
}

/** Everything the roll-ups say about a period and scope (or one group of it). */
export interface DossierSums {
  /** The group's value (agency code, field code, ...), null for the total. */
  key: string | null;
  /** Flows over the period's days. */
  flows: Record<FlowMeasure, number>;
  receivedByChannel: { online: number; counter: number; post: number };
  /** Open at the start of the period (local midnight of `from`). */
  carriedOver: StockFigures;
  /** Open at `asOf`. */
  atEnd: StockFigures;
}

export interface ComplaintSums {
  key: string | null;
  filed: number;
  answered: number;
}

/** A group of the dossier roll-ups: the public groupings, and form II.06b's level and field together (key `level|field`). */
export type DossierGroup = GroupBy | 'levelAndField';

const DOSSIER_GROUP_COLUMNS: Record<DossierGroup, string> = {
  agency: 'competent_agency_code',
  receivingAgency: 'receiving_agency_code',
  field: 'field_code',
  level: 'level_code',
  procedure: 'procedure_code',
  levelAndField: `level_code || '|' || field_code`,
};

export const COMPLAINT_GROUP_COLUMNS: Record<GroupBy, string> = {
  agency: 'agency_code',
  receivingAgency: 'agency_code',
  field: 'field_code',
  level: 'level_code',
  procedure: 'procedure_code',
};

/** Builds SQL with numbered parameters. */
export class Sql {
  readonly params: unknown[] = [];

  param(value: unknown, cast = ''): string {
    this.params.push(value);
    return `$${this.params.length}${cast}`;
  }

  /** Rows of the roll-up whose (grain, period start) fall in the cover. */
  cover(ranges: CoverRange[]): string {
    if (ranges.length === 0) return 'false';
    return `(${ranges.map((r) => `(grain = ${this.param(r.grain)} AND period_start >= ${this.param(r.from, '::date')} AND period_start < ${this.param(r.to, '::date')})`).join(' OR ')})`;
  }
}

/** Filters of a scope on dossier roll-ups, and on the facts (the same column names): one definition for the figures and their lists. */
export function dossierScope(sql: Sql, scope: ReportScope): string[] {
  const where: string[] = [];
  if (scope.agency) where.push(`competent_agency_code = ${sql.param(scope.agency)}`);
  if (scope.receivingAgency) where.push(`receiving_agency_code = ${sql.param(scope.receivingAgency)}`);
  if (scope.field) where.push(`field_code = ${sql.param(scope.field)}`);
  if (scope.level) where.push(`level_code = ${sql.param(scope.level)}`);
  if (scope.procedure) where.push(`procedure_code = ${sql.param(scope.procedure)}`);
  if (scope.restrictedToAgencies) {
    const codes = sql.param(scope.restrictedToAgencies, '::text[]');
    where.push(`(competent_agency_code = ANY(${codes}) OR receiving_agency_code = ANY(${codes}))`);
  }
  return where;
}

/** Filters of a scope on complaint roll-ups, and on the complaints' facts (the same column names). */
export function complaintScope(sql: Sql, scope: ReportScope): string[] {
  const where: string[] = [];
  if (scope.agency) where.push(`agency_code = ${sql.param(scope.agency)}`);
  if (scope.receivingAgency) where.push(`agency_code = ${sql.param(scope.receivingAgency)}`);
  if (scope.field) where.push(`field_code = ${sql.param(scope.field)}`);
  if (scope.level) where.push(`level_code = ${sql.param(scope.level)}`);
  if (scope.procedure) where.push(`procedure_code = ${sql.param(scope.procedure)}`);
  if (scope.restrictedToAgencies) where.push(`agency_code = ANY(${sql.param(scope.restrictedToAgencies, '::text[]')})`);
  return where;
}

const num = (value: unknown) => Number(value ?? 0);

/**
 * Reads the roll-ups: flows are summed over the fewest year, month and day rows covering the
 * period; "open at a date" sums every stock delta before it (earlier years, months and days).
 * Never a scan of the facts.
 */
@Injectable()
export class RollupReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The total, or one row per group when `groupBy` is given (groups with nothing at all left out). */
  async dossiers(context: ReportContext, groupBy?: DossierGroup): Promise<DossierSums[]> {
    const sql = new Sql();
    const key = groupBy ? DOSSIER_GROUP_COLUMNS[groupBy] : `''::text`;
    const scope = dossierScope(sql, context.scope).map((condition) => ` AND ${condition}`).join('');
    const inPeriod = sql.cover(coverOf(context.period.from, context.asOf));
    const beforeFrom = sql.cover(coverBefore(context.period.from));
    const beforeEnd = sql.cover(coverBefore(context.asOf));
    const stocks = (prefix: string) =>
      `COALESCE(sum(open_within_time), 0) AS ${prefix}_within, COALESCE(sum(open_overdue), 0) AS ${prefix}_overdue, COALESCE(sum(open_awaiting_supplement), 0) AS ${prefix}_supplement`;
    // Three plain sums over index ranges (the period's flows, the stocks before its start and
    // before its end), joined by group: each row is read once per part, its predicate evaluated once.
    const rows = (await this.dataSource.query(
      `WITH flows AS (
         SELECT ${key} AS key, ${DOSSIER_FLOW_MEASURES.map((m) => `COALESCE(sum(${m}), 0) AS ${m}`).join(', ')},
                COALESCE(sum(received) FILTER (WHERE channel = 'online'), 0) AS received_online,
                COALESCE(sum(received) FILTER (WHERE channel = 'counter'), 0) AS received_counter,
                COALESCE(sum(received) FILTER (WHERE channel = 'post'), 0) AS received_post
           FROM dossier_rollup WHERE ${inPeriod}${scope} GROUP BY 1),
       carried AS (SELECT ${key} AS key, ${stocks('carried')} FROM dossier_rollup WHERE ${beforeFrom}${scope} GROUP BY 1),
       ending AS (SELECT ${key} AS key, ${stocks('end')} FROM dossier_rollup WHERE ${beforeEnd}${scope} GROUP BY 1)
       SELECT * FROM flows FULL JOIN carried USING (key) FULL JOIN ending USING (key) ORDER BY key`,
      sql.params,
    )) as Array<Record<string, unknown>>;
    const sums = rows.map((row) => ({ ...toSums(row), key: groupBy ? (row.key as string) : null }));
    if (!groupBy) return sums.length ? sums : [toSums({ key: null })];
    return sums.filter((s) => Object.values(s.flows).some((n) => n !== 0) || Object.values(s.carriedOver).some((n) => n !== 0) || Object.values(s.atEnd).some((n) => n !== 0));
  }

  async complaints(context: ReportContext, groupBy?: GroupBy): Promise<ComplaintSums[]> {
    const sql = new Sql();
    const inPeriod = sql.cover(coverOf(context.period.from, context.asOf));
    const key = groupBy ? COMPLAINT_GROUP_COLUMNS[groupBy] : 'NULL::text';
    const where = [inPeriod, ...complaintScope(sql, context.scope)];
    const rows = (await this.dataSource.query(
      `SELECT ${key} AS key, COALESCE(sum(filed), 0) AS filed, COALESCE(sum(answered), 0) AS answered
         FROM complaint_rollup WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`,
      sql.params,
    )) as Array<{ key: string | null; filed: string; answered: string }>;
    const sums = rows.map((row) => ({ key: row.key, filed: num(row.filed), answered: num(row.answered) }));
    if (!groupBy) return sums.length ? sums : [{ key: null, filed: 0, answered: 0 }];
    return sums.filter((s) => s.filed !== 0 || s.answered !== 0);
  }

  /** Procedure codes that received at least one online dossier in the period, within the scope. */
  async proceduresWithOnlineDossiers(context: ReportContext): Promise<Set<string>> {
    const sql = new Sql();
    const inPeriod = sql.cover(coverOf(context.period.from, context.asOf));
    const where = [inPeriod, `channel = 'online'`, ...dossierScope(sql, context.scope)];
    const rows = (await this.dataSource.query(
      `SELECT procedure_code FROM dossier_rollup WHERE ${where.join(' AND ')} GROUP BY procedure_code HAVING sum(received) > 0`,
      sql.params,
    )) as Array<{ procedure_code: string }>;
    return new Set(rows.map((r) => r.procedure_code));
  }
}

function toSums(row: Record<string, unknown>): DossierSums {
  return {
    key: (row.key as string | null) ?? null,
    flows: Object.fromEntries(DOSSIER_FLOW_MEASURES.map((m) => [m, num(row[m])])) as Record<FlowMeasure, number>,
    receivedByChannel: { online: num(row.received_online), counter: num(row.received_counter), post: num(row.received_post) },
    carriedOver: { withinTime: num(row.carried_within), overdue: num(row.carried_overdue), awaitingSupplement: num(row.carried_supplement) },
    atEnd: { withinTime: num(row.end_within), overdue: num(row.end_overdue), awaitingSupplement: num(row.end_supplement) },
  };
}
