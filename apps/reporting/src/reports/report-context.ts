import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { addDays, parsePeriod, type ReportPeriod, toLocalIsoDate } from '@onestop/domain';
import { type Caller, Clock, ProblemException } from '@onestop/platform';
import type { GroupBy, PeriodQuery, ReportQuery } from './report-query.dto.js';
import { ReportingAccess } from '../access-policy.js';

/**
 * What a report covers: its filters, and for a caller who acts for some agencies only, those
 * agencies (dossiers they received or decide, complaints filed with them, procedures they
 * decide or receive). Administrators, and viewers or leaders whose token names no agency (the
 * province's own staff), see the whole province.
 */
export class ReportScope {
  @ApiProperty({ nullable: true, type: String, description: 'Competent agency filter.' })
  agency: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Receiving agency filter.' })
  receivingAgency: string | null;

  @ApiProperty({ nullable: true, type: String })
  field: string | null;

  @ApiProperty({ nullable: true, type: String })
  level: string | null;

  @ApiProperty({ nullable: true, type: String })
  procedure: string | null;

  @ApiProperty({
    nullable: true,
    type: [String],
    description: 'The agencies a restricted caller acts for: only dossiers received or decided by them are counted. Null: the whole province.',
  })
  restrictedToAgencies: string[] | null;
}

export class ReportPeriodView {
  @ApiProperty({ enum: ['year', 'half', 'quarter', 'month', 'custom'] })
  kind: ReportPeriod['kind'];

  @ApiProperty({ example: '2025-Q2' })
  label: string;

  @ApiProperty({ example: '2025-04-01', description: 'First day (local time).' })
  from: string;

  @ApiProperty({ example: '2025-06-30', description: 'Last day, included.' })
  to: string;

  @ApiProperty({
    example: '2025-07-01',
    description:
      'The figures are as of the start of this day (local midnight): the day after `to`, or tomorrow for a period not over yet (flows up to today, "in progress" at the end of today).',
  })
  asOf: string;
}

/** What a report covers, as its answer starts: the period and the scope. */
export class ReportCoverage {
  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;
}

export interface ReportContext {
  period: ReportPeriod;
  /** Exclusive end actually used: min(period.end, tomorrow). */
  asOf: string;
  /** Today, local. */
  today: string;
  scope: ReportScope;
  groupBy?: GroupBy;
}

/** The same day a year earlier (29 February becomes the 28th). */
function yearEarlier(day: string): string {
  const shifted = `${String(Number(day.slice(0, 4)) - 1).padStart(4, '0')}${day.slice(4)}`;
  return shifted.endsWith('-02-29') ? `${shifted.slice(0, 8)}28` : shifted;
}

/**
 * The same period of the previous year, for a comparison: the same days a year earlier, and
 * for a period not over yet, the figures up to the same day a year earlier (like with like).
 */
export function previousYear(context: ReportContext): ReportContext {
  const { kind, label, from, to } = context.period;
  // A month, quarter, half or year ends the day before a first of the month: a year earlier, the same (February included).
  const previousTo = kind === 'custom' ? yearEarlier(to) : addDays(yearEarlier(context.period.end), -1);
  const period = { kind, from: yearEarlier(from), to: previousTo, end: addDays(previousTo, 1), label: kind === 'custom' ? `${yearEarlier(from)}..${previousTo}` : `${Number(label.slice(0, 4)) - 1}${label.slice(4)}` };
  const asOf = context.asOf === context.period.end ? period.end : yearEarlier(context.asOf) < period.end ? yearEarlier(context.asOf) : period.end;
  return { ...context, period, asOf };
}

export function periodView(context: ReportContext): ReportPeriodView {
  const { kind, label, from, to } = context.period;
  return { kind, label, from, to, asOf: context.asOf };
}

@Injectable()
export class ReportContexts {
  constructor(private readonly clock: Clock) {}

  today(): string {
    return toLocalIsoDate(this.clock.now());
  }

  /** The period asked for, refused with a 400 naming the field when malformed or in the future. */
  period(query: PeriodQuery): { period: ReportPeriod; asOf: string; today: string } {
    const today = this.today();
    const { period, problems } = parsePeriod(query, today);
    if (!period) throw ProblemException.badRequest('validation-failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
    if (period.from > today) {
      const field = query.period !== undefined ? 'period' : 'from';
      throw ProblemException.badRequest('validation-failed', `${field}: the period starts after today (${today})`, [{ field, reason: `starts after today (${today}): there are no figures yet` }]);
    }
    const tomorrow = addDays(today, 1);
    return { period, asOf: period.end < tomorrow ? period.end : tomorrow, today };
  }

  /** Period and scope for a caller; a restricted caller asking for another agency is refused. */
  build(caller: Caller | undefined, query: ReportQuery & { groupBy?: GroupBy }): ReportContext {
    const { period, asOf, today } = this.period(query);
    const restricted = ReportingAccess.readReports.agenciesOf(caller);
    if (restricted) {
      for (const field of ['agency', 'receivingAgency'] as const) {
        const code = query[field];
        if (code && !restricted.includes(code)) {
          throw new ProblemException(403, 'agency-not-yours', 'Forbidden', `You read reports for ${restricted.join(', ')} only, not for ${code}.`, { errors: [{ field, reason: 'is not one of your agencies' }] });
        }
      }
    }
    return {
      period,
      asOf,
      today,
      groupBy: query.groupBy,
      scope: {
        agency: query.agency ?? null,
        receivingAgency: query.receivingAgency ?? null,
        field: query.field ?? null,
        level: query.level ?? null,
        procedure: query.procedure ?? null,
        restrictedToAgencies: restricted,
      },
    };
  }
}
