import { Injectable } from '@nestjs/common';
import { classifyReason, type LatenessCauseCategory, OTHER_CAUSE_KEY, OTHER_CAUSE_NAME, STEP_KINDS, stepOverruns, type WorkingCalendar } from '@onestop/domain';
import { Clock, WorkingCalendarClient } from '@onestop/platform';
import { drilldownLink } from '../drilldown/drilldown-links.js';
import { midnightOf } from '../drilldown/drilldown.repository.js';
import { periodView, previousYear, type ReportContext } from '../reports/report-context.js';
import type { LatenessCausesReport, LatenessFigures, OverrunStepsView } from './lateness-causes.dto.js';
import { type LateDossier, LatenessCausesRepository } from './lateness-causes.repository.js';

/**
 * The causes of lateness per competent agency: of the dossiers finished late in the period or
 * overdue at its end (06a's columns, so the counts are those lists' lengths), those with an
 * apology and its reason's class, and the steps that overran their share of the time limit.
 */
@Injectable()
export class LatenessCausesService {
  constructor(
    private readonly repository: LatenessCausesRepository,
    private readonly calendars: WorkingCalendarClient,
    private readonly clock: Clock,
  ) {}

  async report(context: ReportContext, compare?: 'previousYear'): Promise<LatenessCausesReport> {
    // Without the calendar, steps' overruns cannot be told in working hours: the answer says the service cannot.
    const [calendar, categories] = await Promise.all([this.calendars.calendar(), this.repository.categories()]);
    const [report, previous] = await Promise.all([this.reportOf(context, calendar, categories), compare ? this.reportOf(previousYear(context), calendar, categories) : undefined]);
    return previous ? { ...report, previous } : report;
  }

  private async reportOf(context: ReportContext, calendar: WorkingCalendar, categories: LatenessCauseCategory[]): Promise<LatenessCausesReport> {
    const late = await this.repository.lateDossiers(context);
    // An open dossier's step is judged at the end of the period, or now for a period not over.
    const until = new Date(Math.min(Date.parse(midnightOf(context.asOf)), this.clock.now().getTime()));
    const byAgency = new Map<string, LateDossier[]>();
    for (const dossier of late) (byAgency.get(dossier.agencyCode) ?? byAgency.set(dossier.agencyCode, []).get(dossier.agencyCode)!).push(dossier);
    const figures = (dossiers: LateDossier[], agency?: string) => this.figures(dossiers, categories, calendar, until, context, agency);
    return {
      period: periodView(context),
      scope: context.scope,
      categories: [...categories.map((c) => ({ key: c.key, name: c.name, keywords: c.keywords })), { key: OTHER_CAUSE_KEY, name: OTHER_CAUSE_NAME, keywords: [] }],
      rows: [...byAgency.keys()].sort().map((agencyCode) => ({ agencyCode, ...figures(byAgency.get(agencyCode)!, agencyCode) })),
      total: figures(late),
    };
  }

  private figures(dossiers: LateDossier[], categories: LatenessCauseCategory[], calendar: WorkingCalendar, until: Date, context: ReportContext, agency?: string): LatenessFigures {
    const apologiesByCause: Record<string, number> = Object.fromEntries([...categories.map((c) => c.key), OTHER_CAUSE_KEY].map((key) => [key, 0]));
    const overrun = Object.fromEntries(STEP_KINDS.map((kind) => [kind, { dossiers: 0, minutes: 0 }])) as Record<(typeof STEP_KINDS)[number], { dossiers: number; minutes: number }>;
    let finishedLate = 0;
    let withApology = 0;
    let withoutOverrunStep = 0;
    for (const dossier of dossiers) {
      if (dossier.finishedLate) finishedLate++;
      const apologies = dossier.statuses.filter((change) => change.apologyReason !== undefined);
      if (apologies.length > 0) withApology++;
      for (const apology of apologies) apologiesByCause[classifyReason(apology.apologyReason ?? null, categories)]++;
      const overruns = stepOverruns(dossier.statuses, dossier.closedAt ? new Date(dossier.closedAt).toISOString() : null, until, calendar);
      if (overruns.length === 0) withoutOverrunStep++;
      for (const kind of new Set(overruns.map((o) => o.kind))) if (kind) overrun[kind].dossiers++;
      for (const o of overruns) if (o.kind) overrun[o.kind].minutes += o.overrunWorkingMinutes;
    }
    const row = agency ? { agency } : undefined;
    return {
      late: dossiers.length,
      finishedLate,
      inProgressOverdue: dossiers.length - finishedLate,
      withApology,
      withoutApology: dossiers.length - withApology,
      apologiesByCause,
      overrunSteps: Object.fromEntries(STEP_KINDS.map((kind) => [kind, { dossiers: overrun[kind].dossiers, workingHours: Math.round(overrun[kind].minutes / 6) / 10 }])) as unknown as OverrunStepsView,
      withoutOverrunStep,
      links: { finishedLate: drilldownLink('dossier-balance', 'finishedLate', context, row), inProgressOverdue: drilldownLink('dossier-balance', 'inProgressOverdue', context, row) },
    };
  }
}
