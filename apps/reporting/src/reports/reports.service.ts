import { Injectable } from '@nestjs/common';
import { computeServiceIndex, DOSSIER_FLOW_MEASURES, type Ratio, ratio, TARGET_METRIC_DEFINITIONS, TARGET_METRICS, type TargetMetric, targetInForce } from '@onestop/domain';
import { catalogFigures, type CatalogFigures, OnlineServicesService } from '../online-services/online-services.service.js';
import { ProcedureFactsRepository } from '../online-services/procedure-facts.repository.js';
import { TargetsService } from '../targets/targets.service.js';
import type { BalanceFigures, DossierBalanceReport } from './dossier-balance.dto.js';
import type { ServiceIndexReport, TargetsReport } from './index-and-targets.dto.js';
import type { IndicatorFigures, IndicatorsReport } from './indicators.dto.js';
import { periodView, type ReportContext } from './report-context.js';
import { type ComplaintSums, type DossierSums, RollupReader } from './rollup-reader.js';

export function balanceFigures(s: DossierSums): BalanceFigures {
  const f = s.flows;
  const carriedOver = s.carriedOver.withinTime + s.carriedOver.overdue + s.carriedOver.awaitingSupplement;
  const finished = f.finished_early + f.finished_on_time + f.finished_late;
  const inProgress = s.atEnd.withinTime + s.atEnd.overdue + s.atEnd.awaitingSupplement;
  const handled = carriedOver + f.received;
  const accountedFor = finished + inProgress + f.refused + f.stopped + f.withdrawn;
  return {
    received: {
      total: handled,
      carriedOver,
      newlyReceived: { total: f.received, ...s.receivedByChannel },
    },
    finished: { total: finished, early: f.finished_early, onTime: f.finished_on_time, late: f.finished_late },
    inProgress: { total: inProgress, ...s.atEnd },
    refused: f.refused,
    stopped: f.stopped,
    withdrawn: f.withdrawn,
    supplementRequested: f.supplement_requested,
    shares: {
      finishedOnTime: ratio(f.finished_early + f.finished_on_time, finished),
      receivedOnline: ratio(s.receivedByChannel.online, f.received),
      inProgressOverdue: ratio(s.atEnd.overdue, inProgress),
    },
    balance: { handled, accountedFor, holds: handled === accountedFor },
  };
}

export function indicatorFigures(s: DossierSums, complaints: ComplaintSums | undefined, catalog: CatalogFigures | null): IndicatorFigures {
  const f = s.flows;
  const filed = complaints?.filed ?? 0;
  return {
    received: f.received,
    channels: s.receivedByChannel,
    onlineShare: ratio(s.receivedByChannel.online, f.received),
    onTheSpot: {
      eligibleReceived: f.received_on_the_spot,
      handled: f.handled_on_the_spot,
      handledShareOfEligible: ratio(f.handled_on_the_spot, f.received_on_the_spot),
      handledShareOfReceived: ratio(f.handled_on_the_spot, f.received),
      eligibleProcedures: catalog ? ratio(catalog.onTheSpotEligible, catalog.procedures) : null,
    },
    post: {
      receivedByPost: ratio(s.receivedByChannel.post, f.received),
      resultsByPost: ratio(f.results_by_post, f.results_issued),
      resultsDeliveredByPost: ratio(f.results_delivered_by_post, f.results_by_post),
      resultsSent: f.results_sent_by_post,
      resultsDelivered: f.results_delivered_by_post,
      resultsReturnedToAgency: f.results_returned_to_agency_by_post,
    },
    results: { issued: f.results_issued, electronic: ratio(f.results_electronic, f.results_issued) },
    satisfaction: { ratings: f.ratings, averageScore: ratio(f.rating_points, f.ratings), satisfied: ratio(f.ratings_satisfied, f.ratings) },
    complaints: { filed, answered: complaints?.answered ?? 0, perDossierReceived: ratio(filed, f.received) },
  };
}

/** The five reports leaders read, from the roll-ups and reporting's copy of the catalog. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly rollups: RollupReader,
    private readonly procedureFacts: ProcedureFactsRepository,
    private readonly catalog: OnlineServicesService,
    private readonly targets: TargetsService,
  ) {}

  async balance(context: ReportContext): Promise<DossierBalanceReport> {
    const [total] = await this.rollups.dossiers(context);
    const rows = context.groupBy ? await this.rollups.dossiers(context, context.groupBy) : [];
    const names = context.groupBy === 'procedure' ? await this.procedureNames(rows.map((r) => r.key!)) : new Map<string, string>();
    return {
      form: 'II.06a',
      period: periodView(context),
      scope: context.scope,
      groupBy: context.groupBy ?? null,
      rows: rows.map((r) => ({ key: r.key!, name: names.get(r.key!) ?? null, ...balanceFigures(r) })),
      total: balanceFigures(total),
    };
  }

  async indicators(context: ReportContext): Promise<IndicatorsReport> {
    const [[total], [complaints], procedures] = await Promise.all([
      this.rollups.dossiers(context),
      this.rollups.complaints(context),
      this.catalog.inForce(this.catalog.catalogDay(context), context.scope),
    ]);
    let rows: IndicatorsReport['rows'] = [];
    if (context.groupBy) {
      const [groups, complaintGroups] = await Promise.all([this.rollups.dossiers(context, context.groupBy), this.rollups.complaints(context, context.groupBy)]);
      const byKey = new Map(complaintGroups.map((c) => [c.key, c]));
      const keys = [...new Set([...groups.map((g) => g.key!), ...complaintGroups.map((c) => c.key!)])].sort();
      const empty = (key: string): DossierSums => ({ ...emptySums(), key });
      const dossierByKey = new Map(groups.map((g) => [g.key, g]));
      rows = keys.map((key) => ({ key, ...indicatorFigures(dossierByKey.get(key) ?? empty(key), byKey.get(key), null) }));
    }
    return { period: periodView(context), scope: context.scope, groupBy: context.groupBy ?? null, rows, total: indicatorFigures(total, complaints, catalogFigures(procedures)) };
  }

  async serviceIndex(context: ReportContext): Promise<ServiceIndexReport> {
    const [[s], [complaints], procedures, config] = await Promise.all([
      this.rollups.dossiers(context),
      this.rollups.complaints(context),
      this.catalog.inForce(this.catalog.catalogDay(context), context.scope),
      this.targets.indexConfig(),
    ]);
    const c = catalogFigures(procedures);
    const result = computeServiceIndex(
      {
        proceduresInForce: c.procedures,
        proceduresIntegrated: c.integrated,
        proceduresOnline: c.online,
        received: s.flows.received,
        receivedOnline: s.receivedByChannel.online,
        finishedEarly: s.flows.finished_early,
        finishedOnTime: s.flows.finished_on_time,
        finishedLate: s.flows.finished_late,
        inProgressWithinTime: s.atEnd.withinTime,
        inProgressOverdue: s.atEnd.overdue,
        awaitingSupplement: s.atEnd.awaitingSupplement,
        resultsIssued: s.flows.results_issued,
        resultsElectronic: s.flows.results_electronic,
        complaintsFiled: complaints.filed,
      },
      config,
    );
    return { decision: '766/QĐ-TTg', period: periodView(context), scope: context.scope, ...result };
  }

  async targetsReport(context: ReportContext): Promise<TargetsReport> {
    const [[s], procedures, used, settings] = await Promise.all([
      this.rollups.dossiers(context),
      this.catalog.inForce(this.catalog.catalogDay(context), context.scope),
      this.rollups.proceduresWithOnlineDossiers(context),
      this.targets.settings(),
    ]);
    const c = catalogFigures(procedures);
    const finished = s.flows.finished_early + s.flows.finished_on_time + s.flows.finished_late;
    const actuals: Record<TargetMetric, Ratio> = {
      level4AmongOnlineServices: ratio(c.level4, c.online),
      onlineServicesWithOnlineDossier: ratio(procedures.filter((p) => p.onlineLevel >= 3 && used.has(p.code)).length, c.online),
      dossiersOnline: ratio(s.receivedByChannel.online, s.flows.received),
      proceduresOnline: ratio(c.online, c.procedures),
      integratedNationalPortal: ratio(c.integrated, c.procedures),
      finishedOnTime: ratio(s.flows.finished_early + s.flows.finished_on_time, finished),
      ratingsSatisfied: ratio(s.flows.ratings_satisfied, s.flows.ratings),
    };
    const year = Number(context.period.to.slice(0, 4));
    // The scope's own agency (when it names one) may have its own targets; otherwise the province's.
    const agency = context.scope.agency ?? context.scope.receivingAgency ?? (context.scope.restrictedToAgencies?.length === 1 ? context.scope.restrictedToAgencies[0] : null);
    return {
      period: periodView(context),
      scope: context.scope,
      year,
      items: TARGET_METRICS.map((metric) => {
        const target = targetInForce(settings, metric, year, agency);
        const actual = actuals[metric];
        const comparable = target !== undefined && actual.ratio !== null;
        return {
          metric,
          name: TARGET_METRIC_DEFINITIONS[metric].name,
          formula: TARGET_METRIC_DEFINITIONS[metric].formula,
          target: target ? { value: target.value, setForYear: target.year, agencyCode: target.agencyCode } : null,
          actual,
          met: comparable ? actual.ratio! >= target.value - 1e-12 : null,
          gap: comparable ? actual.ratio! - target.value : null,
        };
      }),
    };
  }

  async procedureNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    return this.procedureFacts.names(codes);
  }
}

function emptySums(): DossierSums {
  return {
    key: null,
    flows: Object.fromEntries(DOSSIER_FLOW_MEASURES.map((m) => [m, 0])) as DossierSums['flows'],
    receivedByChannel: { online: 0, counter: 0, post: 0 },
    carriedOver: { withinTime: 0, overdue: 0, awaitingSupplement: 0 },
    atEnd: { withinTime: 0, overdue: 0, awaitingSupplement: 0 },
  };
}
