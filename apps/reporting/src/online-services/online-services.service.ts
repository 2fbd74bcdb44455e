import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, type EventEnvelope, ONLINE_LEVELS, type ProcedureAbolishedV1, type ProcedureVersionSummaryV1, ratio } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { periodView, type ReportContext, type ReportScope } from '../reports/report-context.js';
import type { RollupReader } from '../reports/rollup-reader.js';
import type { OnlineServicesReport } from './online-services.dto.js';

/** Percentage with two decimals, for the display fields kept from the first version of this report. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10000) / whole) / 100;
}

/** A procedure in force on a day, as reporting knows it from catalog's events. */
export interface ProcedureInForce {
  code: string;
  name: string;
  fieldCode: string;
  levelCode: string;
  competentAgencyCode: string;
  onlineLevel: number;
  onlineMode: string;
  onTheSpotEligible: boolean;
  integratedNationalPortal: boolean;
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

export function catalogFigures(procedures: ProcedureInForce[]): CatalogFigures {
  const byLevel: Record<number, number> = Object.fromEntries(ONLINE_LEVELS.map((l) => [l, 0]));
  for (const p of procedures) byLevel[p.onlineLevel] = (byLevel[p.onlineLevel] ?? 0) + 1;
  return {
    procedures: procedures.length,
    byLevel,
    online: procedures.filter((p) => p.onlineLevel >= 3).length,
    level4: byLevel[4] ?? 0,
    fullOnline: procedures.filter((p) => p.onlineMode === 'full').length,
    partialOnline: procedures.filter((p) => p.onlineMode === 'partial').length,
    integrated: procedures.filter((p) => p.integratedNationalPortal).length,
    onTheSpotEligible: procedures.filter((p) => p.onTheSpotEligible).length,
  };
}

@Injectable()
export class OnlineServicesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @HandleEvent({ type: 'ProcedurePublished', versions: [1] })
  async onProcedurePublished(event: EventEnvelope<'ProcedurePublished', ProcedureVersionSummaryV1>, manager: EntityManager): Promise<void> {
    await this.recordVersion(event.payload, manager);
  }

  @HandleEvent({ type: 'ProcedureAmended', versions: [1] })
  async onProcedureAmended(event: EventEnvelope<'ProcedureAmended', ProcedureVersionSummaryV1>, manager: EntityManager): Promise<void> {
    await this.recordVersion(event.payload, manager);
  }

  @HandleEvent({ type: 'ProcedureAbolished', versions: [1] })
  async onProcedureAbolished(event: EventEnvelope<'ProcedureAbolished', ProcedureAbolishedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(
      `UPDATE procedure_facts SET status = 'abolished', version_no = $2, abolished_from = $3, updated_at = now()
        WHERE code = $1 AND version_no < $2`,
      [p.code, p.versionNo, p.decision.effectiveFrom],
    );
    await manager.query(
      `INSERT INTO procedure_versions (code, version_no, kind, effective_from) VALUES ($1, $2, 'abolition', $3) ON CONFLICT (code, version_no) DO NOTHING`,
      [p.code, p.versionNo, p.decision.effectiveFrom],
    );
  }

  /** Events may arrive out of order: an older version never overwrites a newer one; every version is kept. */
  private async recordVersion(p: ProcedureVersionSummaryV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO procedure_facts (code, version_no, status, name, field_code, level_code, competent_agency_code, online_level,
                                    online_mode, on_the_spot_eligible, integrated_national_portal, effective_from)
       VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (code) DO UPDATE SET
         version_no = EXCLUDED.version_no, name = EXCLUDED.name, field_code = EXCLUDED.field_code,
         level_code = EXCLUDED.level_code, competent_agency_code = EXCLUDED.competent_agency_code,
         online_level = EXCLUDED.online_level, online_mode = EXCLUDED.online_mode,
         on_the_spot_eligible = EXCLUDED.on_the_spot_eligible, integrated_national_portal = EXCLUDED.integrated_national_portal,
         effective_from = EXCLUDED.effective_from, updated_at = now()
       WHERE procedure_facts.version_no < EXCLUDED.version_no`,
      [p.code, p.versionNo, p.name, p.fieldCode, p.levelCode, p.competentAgencyCode, p.onlineLevel, p.onlineMode, p.onTheSpotEligible, p.integratedNationalPortal, p.decision.effectiveFrom],
    );
    await manager.query(
      `INSERT INTO procedure_versions (code, version_no, kind, effective_from, name, field_code, level_code, competent_agency_code, receiving_agency_codes,
                                       online_level, online_mode, on_the_spot_eligible, integrated_national_portal)
       VALUES ($1, $2, 'version', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (code, version_no) DO NOTHING`,
      [p.code, p.versionNo, p.decision.effectiveFrom, p.name, p.fieldCode, p.levelCode, p.competentAgencyCode, p.receivingAgencyCodes ?? [], p.onlineLevel, p.onlineMode, p.onTheSpotEligible, p.integratedNationalPortal],
    );
  }

  /**
   * The procedures in force on a day (the latest version effective by then, not abolished by
   * then), within a scope: the competent agency, a receiving agency, field, level, procedure, and
   * for a restricted caller the procedures their agencies decide or receive.
   */
  async inForce(day: string, scope: ReportScope | null): Promise<ProcedureInForce[]> {
    const params: unknown[] = [day];
    const where: string[] = [`kind = 'version'`];
    const param = (value: unknown, cast = '') => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    if (scope?.agency) where.push(`competent_agency_code = ${param(scope.agency)}`);
    if (scope?.receivingAgency) where.push(`${param(scope.receivingAgency)} = ANY(receiving_agency_codes)`);
    if (scope?.field) where.push(`field_code = ${param(scope.field)}`);
    if (scope?.level) where.push(`level_code = ${param(scope.level)}`);
    if (scope?.procedure) where.push(`code = ${param(scope.procedure)}`);
    if (scope?.restrictedToAgencies) {
      const codes = param(scope.restrictedToAgencies, '::text[]');
      where.push(`(competent_agency_code = ANY(${codes}) OR receiving_agency_codes && ${codes})`);
    }
    const rows = (await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (code) * FROM procedure_versions WHERE effective_from <= $1::date ORDER BY code, version_no DESC)
       SELECT code, name, field_code, level_code, competent_agency_code, online_level, online_mode, on_the_spot_eligible, integrated_national_portal
         FROM latest WHERE ${where.join(' AND ')} ORDER BY code`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      code: r.code as string,
      name: r.name as string,
      fieldCode: r.field_code as string,
      levelCode: r.level_code as string,
      competentAgencyCode: r.competent_agency_code as string,
      onlineLevel: Number(r.online_level),
      onlineMode: r.online_mode as string,
      onTheSpotEligible: r.on_the_spot_eligible === true,
      integratedNationalPortal: r.integrated_national_portal === true,
    }));
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
      onlineServicesWithOnlineDossier = ratio(procedures.filter((p) => p.onlineLevel >= 3 && used.has(p.code)).length, f.online);
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
      ...(usage ? {} : { usageNote: 'Sign in as viewer, leader or admin for the share of online services that received an online dossier in the period.' }),
    };
  }
}
