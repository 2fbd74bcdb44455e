import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, ONLINE_LEVELS, type ProcedurePublishedV1 } from '@onestop/domain';
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
  async onProcedurePublished(event: EventEnvelope<'ProcedurePublished', ProcedurePublishedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    // A later version never gets overwritten by an earlier one arriving late.
    await manager.query(
      `INSERT INTO procedure_facts (code, name, version_no, online_level, online_mode, integrated_national_portal, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, version_no = EXCLUDED.version_no, online_level = EXCLUDED.online_level,
         online_mode = EXCLUDED.online_mode, integrated_national_portal = EXCLUDED.integrated_national_portal,
         effective_from = EXCLUDED.effective_from, updated_at = now()
       WHERE procedure_facts.version_no <= EXCLUDED.version_no`,
      [p.code, p.name, p.versionNo, p.onlineLevel, p.onlineMode, p.integratedNationalPortal, p.effectiveFrom],
    );
  }

  async report(): Promise<OnlineServicesReport> {
    const [totals] = (await this.dataSource.query(
      `SELECT count(*)::int AS procedures,
              count(*) FILTER (WHERE online_mode = 'full')::int AS full_online,
              count(*) FILTER (WHERE online_mode = 'partial')::int AS partial_online,
              count(*) FILTER (WHERE integrated_national_portal)::int AS integrated
         FROM procedure_facts`,
    )) as Array<{ procedures: number; full_online: number; partial_online: number; integrated: number }>;
    const levels = (await this.dataSource.query(
      `SELECT online_level AS level, count(*)::int AS procedures FROM procedure_facts GROUP BY online_level`,
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
