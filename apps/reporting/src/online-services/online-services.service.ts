import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, ONLINE_LEVELS, type ProcedureAbolishedV1, type ProcedureVersionSummaryV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import type { OnlineServicesReport } from './online-services.dto.js';

/** Percentage with two decimals; 0 when there is nothing to divide by. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10000) / whole) / 100;
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
  }

  /** Events may arrive out of order: an older version never overwrites a newer one. */
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
  }

  /** Procedures in force (not abolished) by online level, mode and national-portal integration. */
  async report(): Promise<OnlineServicesReport> {
    const [totals] = (await this.dataSource.query(
      `SELECT count(*)::int AS procedures,
              count(*) FILTER (WHERE online_mode = 'full')::int AS full_online,
              count(*) FILTER (WHERE online_mode = 'partial')::int AS partial_online,
              count(*) FILTER (WHERE integrated_national_portal)::int AS integrated
         FROM procedure_facts WHERE status = 'active'`,
    )) as Array<{ procedures: number; full_online: number; partial_online: number; integrated: number }>;
    const levels = (await this.dataSource.query(
      `SELECT online_level AS level, count(*)::int AS procedures FROM procedure_facts WHERE status = 'active' GROUP BY online_level`,
    )) as Array<{ level: number; procedures: number }>;
    const perLevel = new Map(levels.map((row) => [Number(row.level), row.procedures]));
    return {
      procedures: totals.procedures,
      byLevel: ONLINE_LEVELS.map((level) => ({
        level,
        procedures: perLevel.get(level) ?? 0,
        percent: percent(perLevel.get(level) ?? 0, totals.procedures),
      })),
      fullOnline: totals.full_online,
      partialOnline: totals.partial_online,
      integratedNationalPortal: totals.integrated,
      integratedNationalPortalPercent: percent(totals.integrated, totals.procedures),
    };
  }
}
