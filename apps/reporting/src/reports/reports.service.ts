import { Injectable } from '@nestjs/common';
import { computeServiceIndex, DOSSIER_FLOW_MEASURES, type Ratio, ratio, TARGET_METRIC_DEFINITIONS, TARGET_METRICS, type TargetMetric, targetInForce } from '@onestop/domain';
import { type DocumentStoreFigures, DocumentStoreFacts } from '../facts/document-store-facts.js';
import { PaymentFacts } from '../facts/payment-facts.js';
import { PortalSyncFacts } from '../facts/portal-sync-facts.js';
import type { DigitisationFigures, DigitisationReport } from './digitisation.dto.js';
import { catalogFigures, type CatalogFigures, OnlineServicesService } from '../online-services/online-services.service.js';
import { BALANCE_COLUMNS, INDICATOR_COLUMNS } from '../drilldown/drilldown-columns.js';
import { drilldownLink, drilldownLinks, procedureLink } from '../drilldown/drilldown-links.js';
import { ProcedureFactsRepository } from '../online-services/procedure-facts.repository.js';
import { TargetsService } from '../targets/targets.service.js';
import type { BalanceFigures, DossierBalanceReport } from './dossier-balance.dto.js';
import type { FieldSummaryReport, LevelSummary } from './field-summary.dto.js';
import type { ServiceIndexReport, TargetsReport } from './index-and-targets.dto.js';
import type { IndicatorFigures, IndicatorsReport } from './indicators.dto.js';
import { periodView, previousYear, type ReportContext } from './report-context.js';
import { type ComplaintSums, type DossierSums, RollupReader } from './rollup-reader.js';

export function balanceFigures(s: DossierSums): Omit<BalanceFigures, 'links'> {
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

export function indicatorFigures(s: DossierSums, complaints: ComplaintSums | undefined, catalog: CatalogFigures | null): Omit<IndicatorFigures, 'links'> {
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
    private readonly documentStore: DocumentStoreFacts,
    private readonly paymentFacts: PaymentFacts,
    private readonly portalSync: PortalSyncFacts,
  ) {}

  /**
   * The digitisation figures of the 766 index per group (competent agency by default): results
   * issued electronically from the roll-ups, documents digitised and reused from the store's facts.
   */
  async digitisation(context: ReportContext): Promise<DigitisationReport> {
    const groupBy = context.groupBy ?? 'agency';
    const [dossiers, stored, [total], [storedTotal]] = await Promise.all([
      this.rollups.dossiers(context, groupBy),
      this.documentStore.figures(context, groupBy),
      this.rollups.dossiers(context),
      this.documentStore.figures(context),
    ]);
    const figures = (s: DossierSums | undefined, f: DocumentStoreFigures | undefined): DigitisationFigures => ({
      resultsIssued: s?.flows.results_issued ?? 0,
      resultsElectronic: ratio(s?.flows.results_electronic ?? 0, s?.flows.results_issued ?? 0),
      documentsDigitised: f?.documentsDigitised ?? 0,
      documentsReused: f?.documentsReused ?? 0,
      dossiersDigitised: ratio(f?.dossiersWithStoredDocuments ?? 0, s?.flows.received ?? 0),
    });
    const keys = [...new Set([...dossiers.map((d) => d.key), ...stored.map((f) => f.key)])].filter((k): k is string => k !== null).sort();
    const rows = keys
      .map((key) => ({ key, ...figures(dossiers.find((d) => d.key === key), stored.find((f) => f.key === key)) }))
      .filter((r) => r.resultsIssued + r.documentsDigitised + r.documentsReused + r.dossiersDigitised.denominator > 0);
    return { period: periodView(context), scope: context.scope, groupBy, rows, total: figures(total, storedTotal) };
  }

  /** Form II.06a; with `compare`, the same report of the same days a year earlier beside it. */
  async balance(context: ReportContext, compare?: 'previousYear'): Promise<DossierBalanceReport> {
    const [report, previous] = await Promise.all([this.balanceOf(context), compare ? this.balanceOf(previousYear(context)) : undefined]);
    return previous ? { ...report, previous } : report;
  }

  private async balanceOf(context: ReportContext): Promise<DossierBalanceReport> {
    const [total] = await this.rollups.dossiers(context);
    const rows = context.groupBy ? await this.rollups.dossiers(context, context.groupBy) : [];
    const names = context.groupBy === 'procedure' ? await this.procedureNames(rows.map((r) => r.key!)) : new Map<string, string>();
    return {
      form: 'II.06a',
      period: periodView(context),
      scope: context.scope,
      groupBy: context.groupBy ?? null,
      rows: rows.map((r) => ({ key: r.key!, name: names.get(r.key!) ?? null, ...balanceFigures(r), links: drilldownLinks('dossier-balance', BALANCE_COLUMNS, context, { [context.groupBy!]: r.key! }) })),
      total: { ...balanceFigures(total), links: drilldownLinks('dossier-balance', BALANCE_COLUMNS, context) },
    };
  }

  /** Form II.06b; with `compare`, the same form of the same days a year earlier beside it. */
  async fieldSummary(context: ReportContext, compare?: 'previousYear'): Promise<FieldSummaryReport> {
    const [report, previous] = await Promise.all([this.fieldSummaryOf(context), compare ? this.fieldSummaryOf(previousYear(context)) : undefined]);
    return previous ? { ...report, previous } : report;
  }

  private async fieldSummaryOf(context: ReportContext): Promise<FieldSummaryReport> {
    const [[total], levels, pairs, procedures] = await Promise.all([
      this.rollups.dossiers(context),
      this.rollups.dossiers(context, 'level'),
      this.rollups.dossiers(context, 'levelAndField'),
      this.catalog.inForce(this.catalog.catalogDay(context), context.scope),
    ]);
    // Every field of the catalog in the scope has its row, as the form lists them, dossiers or not.
    const fieldsOf = new Map<string, Set<string>>();
    const note = (level: string, field: string) => (fieldsOf.get(level) ?? fieldsOf.set(level, new Set()).get(level)!).add(field);
    for (const p of procedures) note(p.levelCode, p.fieldCode);
    const sumsOf = new Map(pairs.map((p) => [p.key!, p]));
    for (const key of sumsOf.keys()) note(key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1));
    const levelSums = new Map(levels.map((l) => [l.key!, l]));
    const figures = (sums: DossierSums | undefined, row: Record<string, string>) => ({ ...balanceFigures(sums ?? emptySums()), links: drilldownLinks('dossier-balance', BALANCE_COLUMNS, context, row) });
    const order = (level: string) => (LEVEL_ORDER.indexOf(level) < 0 ? LEVEL_ORDER.length : LEVEL_ORDER.indexOf(level));
    const levelRows: LevelSummary[] = [...fieldsOf.keys()]
      .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
      .map((level) => ({
        level,
        name: LEVEL_NAMES[level] ?? level,
        ...figures(levelSums.get(level), { level }),
        fields: [...fieldsOf.get(level)!].sort().map((field) => ({ field, ...figures(sumsOf.get(`${level}|${field}`), { level, field }) })),
      }));
    return { form: 'II.06b', period: periodView(context), scope: context.scope, levels: levelRows, total: { ...balanceFigures(total), links: drilldownLinks('dossier-balance', BALANCE_COLUMNS, context) } };
  }

  async indicators(context: ReportContext, compare?: 'previousYear'): Promise<IndicatorsReport> {
    const [report, previous] = await Promise.all([this.indicatorsOf(context), compare ? this.indicatorsOf(previousYear(context)) : undefined]);
    return previous ? { ...report, previous } : report;
  }

  private async indicatorsOf(context: ReportContext): Promise<IndicatorsReport> {
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
      rows = keys.map((key) => ({
        key,
        ...indicatorFigures(dossierByKey.get(key) ?? empty(key), byKey.get(key), null),
        links: drilldownLinks('indicators', INDICATOR_COLUMNS, context, { [context.groupBy!]: key }),
      }));
    }
    return {
      period: periodView(context),
      scope: context.scope,
      groupBy: context.groupBy ?? null,
      rows,
      total: { ...indicatorFigures(total, complaints, catalogFigures(procedures)), links: drilldownLinks('indicators', INDICATOR_COLUMNS, context) },
    };
  }

  /** The 766 index; with `compare`, last year's same days beside it and each component's change. */
  async serviceIndex(context: ReportContext, compare?: 'previousYear'): Promise<ServiceIndexReport> {
    const [report, previous] = await Promise.all([this.serviceIndexOf(context), compare ? this.serviceIndexOf(previousYear(context)) : undefined]);
    if (!previous) return report;
    const before = new Map(previous.components.map((c) => [c.key, c]));
    const difference = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? null : a - b);
    return {
      ...report,
      components: report.components.map((c) => ({ ...c, change: { value: difference(c.value, before.get(c.key)?.value), points: difference(c.points, before.get(c.key)?.points) } })),
      pointsChange: report.points - previous.points,
      previous,
    };
  }

  private async serviceIndexOf(context: ReportContext): Promise<ServiceIndexReport> {
    const [[s], [complaints], procedures, config, [stored], fees, synchronised] = await Promise.all([
      this.rollups.dossiers(context),
      this.rollups.complaints(context),
      this.catalog.inForce(this.catalog.catalogDay(context), context.scope),
      this.targets.indexConfig(),
      this.documentStore.figures(context),
      this.paymentFacts.figures(context),
      this.portalSync.synchronised(context),
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
        dossiersWithStoredDocuments: stored.dossiersWithStoredDocuments,
        complaintsFiled: complaints.filed,
        dossiersWithFees: fees.dossiersWithFees,
        dossiersPaidOnline: fees.dossiersPaidOnline,
        dossiersSynchronised: synchronised,
      },
      config,
    );
    const link = (column: string) => drilldownLink('service-index', column, context);
    const catalogList = (column: string) => procedureLink(column, context);
    const links: Record<string, Record<string, string>> = {
      'publicity.nationalPortal': { numerator: catalogList('integrated'), denominator: catalogList('inForce') },
      'online.proceduresOnline': { numerator: catalogList('online'), denominator: catalogList('inForce') },
      'progress.onTime': { numerator: link('onTimeOrWithinTime'), denominator: link('judged') },
      'online.dossiersOnline': { numerator: link('receivedOnline'), denominator: link('received') },
      'digitisation.electronicResults': { numerator: link('resultsElectronic'), denominator: link('resultsIssued') },
      satisfaction: { overdueNumerator: link('lateOrOverdue'), overdueDenominator: link('judged'), complainedDenominator: link('received') },
    };
    const components = result.components.map((c) => ({ ...c, links: links[c.key] ?? {} }));
    return { decision: '766/QĐ-TTg', period: periodView(context), scope: context.scope, ...result, components };
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

/** The administrative levels in the form's order, and their names on it. */
const LEVEL_ORDER = ['province', 'district', 'commune'];
const LEVEL_NAMES: Record<string, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

function emptySums(): DossierSums {
  return {
    key: null,
    flows: Object.fromEntries(DOSSIER_FLOW_MEASURES.map((m) => [m, 0])) as DossierSums['flows'],
    receivedByChannel: { online: 0, counter: 0, post: 0 },
    carriedOver: { withinTime: 0, overdue: 0, awaitingSupplement: 0 },
    atEnd: { withinTime: 0, overdue: 0, awaitingSupplement: 0 },
  };
}
