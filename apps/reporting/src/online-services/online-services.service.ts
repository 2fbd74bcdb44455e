import { Injectable } from '@nestjs/common';
import { addDays, ONLINE_LEVELS, ratio } from '@onestop/domain';
import { periodView, type ReportContext, type ReportScope } from '../reports/report-context.js';
import type { RollupReader } from '../reports/rollup-reader.js';
import { countOf } from '../drilldown/procedure-columns.js';
import { procedureLinks } from '../drilldown/drilldown-links.js';
import type { OnlineServicesReport } from './online-services.dto.js';
import { type ProcedureInForce, ProcedureVersionsRepository } from './procedure-versions.repository.js';

/** Percentage with two decimals, for the display fields kept from the first version of this report. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10000) / whole) / 100;
}

/** Catalog figures of a set of procedures: by online level, full/partial online, integration. */
export interface CatalogFigures {
  procedures: number;
  byLevel: Record<number, number>;
  online: number;
  level4: number;
  fullOnline: number;
  partialOnline: number;
  integrated: number;
  onTheSpotEligible: number;
}

/** The figures count the procedures each list column holds (drilldown/procedure-columns.ts): one definition for both. */
export function catalogFigures(procedures: ProcedureInForce[]): CatalogFigures {
  const byLevel: Record<number, number> = Object.fromEntries(ONLINE_LEVELS.map((l) => [l, countOf(`level${l}`, procedures)]));
  return {
    procedures: countOf('inForce', procedures),
    byLevel,
    online: countOf('online', procedures),
    level4: byLevel[4] ?? 0,
    fullOnline: countOf('fullOnline', procedures),
    partialOnline: countOf('partialOnline', procedures),
    integrated: countOf('integrated', procedures),
    onTheSpotEligible: countOf('onTheSpotEligible', procedures),
  };
}

@Injectable()
export class OnlineServicesService {
  constructor(private readonly versions: ProcedureVersionsRepository) {}

  /** The procedures in force on a day within a scope, as ProcedureVersionsRepository reads them. */
  async inForce(day: string, scope: ReportScope | null): Promise<ProcedureInForce[]> {
    return this.versions.inForce(day, scope);
  }

  /** The last day of the period the catalog is read at (the day before `asOf`). */
  catalogDay(context: ReportContext): string {
    return addDays(context.asOf, -1);
  }

  /**
   * Procedures in force at the end of the period by online level, full and partial online, and
   * integration on the national portal; with `usage` (a report reader), the share of online
   * services (levels 3-4) that received at least one online dossier in the period.
   */
  async report(context: ReportContext, usage: RollupReader | null): Promise<OnlineServicesReport> {
    const day = this.catalogDay(context);
    const procedures = await this.inForce(day, context.scope);
    const f = catalogFigures(procedures);
    let onlineServicesWithOnlineDossier = null;
    if (usage) {
      const used = await usage.proceduresWithOnlineDossiers(context);
      onlineServicesWithOnlineDossier = ratio(countOf('onlineWithOnlineDossier', procedures, used), f.online);
    }
    return {
      procedures: f.procedures,
      byLevel: ONLINE_LEVELS.map((level) => ({ level, procedures: f.byLevel[level] ?? 0, percent: percent(f.byLevel[level] ?? 0, f.procedures) })),
      fullOnline: f.fullOnline,
      partialOnline: f.partialOnline,
      integratedNationalPortal: f.integrated,
      integratedNationalPortalPercent: percent(f.integrated, f.procedures),
      period: periodView(context),
      catalogDate: day,
      scope: context.scope,
      shares: {
        byLevel: ONLINE_LEVELS.map((level) => ({ level, ...ratio(f.byLevel[level] ?? 0, f.procedures) })),
        onlineServices: ratio(f.online, f.procedures),
        fullOnline: ratio(f.fullOnline, f.procedures),
        partialOnline: ratio(f.partialOnline, f.procedures),
        fullAmongOnlineServices: ratio(f.fullOnline, f.online),
        level4AmongOnlineServices: ratio(f.level4, f.online),
        integratedNationalPortal: ratio(f.integrated, f.procedures),
        onTheSpotEligible: ratio(f.onTheSpotEligible, f.procedures),
      },
      onlineServicesWithOnlineDossier,
      links: procedureLinks(context, usage !== null),
      ...(usage ? {} : { usageNote: 'Sign in as viewer, leader or admin for the share of online services that received an online dossier in the period.' }),
    };
  }
}
