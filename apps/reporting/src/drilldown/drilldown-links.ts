import { ApiProperty } from '@nestjs/swagger';
import { addDays } from '@onestop/domain';
import type { ReportContext } from '../reports/report-context.js';
import type { GroupBy } from '../reports/report-query.dto.js';
import { BALANCE_COLUMNS, type DrilldownColumn, type DrilldownReport, INDICATOR_COLUMNS, SERVICE_INDEX_COLUMNS } from './drilldown-columns.js';
import { PROCEDURE_COLUMNS } from './procedure-columns.js';

/** The filters a row adds to its links: its group (a grouping's name is the filter's), or form II.06b's level and field. */
export type RowFilters = Partial<Record<GroupBy, string>>;

/**
 * The path (under the gateway's `/api/v1`) of the list behind one figure: the days the figure
 * covers, its filters, the row's group and the column. A caller whose token names
 * agencies gets the same restriction on the list as on the report.
 */
export function drilldownLink(report: DrilldownReport, column: string, context: ReportContext, row?: RowFilters): string {
  // Figures read up to `asOf` (a period not over, or last year's same days in a comparison) link to the days they cover.
  const to = context.asOf === context.period.end ? context.period.to : addDays(context.asOf, -1);
  const query = new URLSearchParams({ from: context.period.from, to });
  const scope = context.scope;
  const filters = { agency: scope.agency, receivingAgency: scope.receivingAgency, field: scope.field, level: scope.level, procedure: scope.procedure };
  Object.assign(filters, row);
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  query.set('column', column);
  return `/api/v1/reports/${report}/dossiers?${query.toString()}`;
}

/** The list of the procedures behind a figure of the online-service statistics (the catalog at the period's end, its scope). */
export function procedureLink(column: string, context: ReportContext): string {
  const to = context.asOf === context.period.end ? context.period.to : addDays(context.asOf, -1);
  const query = new URLSearchParams({ from: context.period.from, to });
  const scope = context.scope;
  for (const [name, value] of Object.entries({ agency: scope.agency, receivingAgency: scope.receivingAgency, field: scope.field, level: scope.level, procedure: scope.procedure })) if (value) query.set(name, value);
  query.set('column', column);
  return `/api/v1/reports/online-services/procedures?${query.toString()}`;
}

/** Every procedure column's link (the usage column for report readers only). */
export function procedureLinks(context: ReportContext, reader: boolean): Record<string, string> {
  return Object.fromEntries(PROCEDURE_COLUMNS.filter((c) => reader || !c.readersOnly).map((c) => [c.key, procedureLink(c.key, context)]));
}

/** Every column's link of one report, for a row or the total. */
export function drilldownLinks(report: DrilldownReport, columns: readonly DrilldownColumn[], context: ReportContext, row?: RowFilters): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.key, drilldownLink(report, c.key, context, row)]));
}

const listPath = (report: DrilldownReport | 'online-services') => (report === 'online-services' ? '/api/v1/reports/online-services/procedures' : `/api/v1/reports/${report}/dossiers`);

/** An OpenAPI class with one link property per column of a report. */
function linksClass(name: string, report: DrilldownReport | 'online-services', columns: ReadonlyArray<{ key: string; label: string; readersOnly?: boolean }>) {
  const Links = { [name]: class {} }[name];
  for (const c of columns) {
    // Called as a function, the decorator gets no design-time type: name it.
    ApiProperty({
      type: String,
      required: !c.readersOnly,
      description: `The ${report === 'online-services' ? 'procedures' : 'dossiers'} counted as "${c.label}": \`GET ${listPath(report)}?…&column=${c.key}\`.`,
      example: `${listPath(report)}?from=2025-01-01&to=2025-12-31&column=${c.key}`,
    })(Links.prototype, c.key);
  }
  return Links as new () => Record<string, string>;
}

export const BalanceLinks = linksClass('BalanceLinks', 'dossier-balance', BALANCE_COLUMNS);
export const IndicatorLinks = linksClass('IndicatorLinks', 'indicators', INDICATOR_COLUMNS);
export const ServiceIndexLinks = linksClass('ServiceIndexLinks', 'service-index', SERVICE_INDEX_COLUMNS);
export const ProcedureLinks = linksClass('OnlineServiceLinks', 'online-services', PROCEDURE_COLUMNS);
