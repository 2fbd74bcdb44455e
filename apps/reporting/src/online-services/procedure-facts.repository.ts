import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcedureAbolishedV1, ProcedureVersionSummaryV1 } from '@onestop/domain';

/** Every statement on reporting's latest version of each procedure (`procedure_facts`), from catalog's events. */
@Injectable()
export class ProcedureFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events may arrive out of order: an older version never overwrites a newer one. */
  async recordVersion(p: ProcedureVersionSummaryV1, manager: EntityManager): Promise<void> {
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

  async recordAbolition(p: ProcedureAbolishedV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE procedure_facts SET status = 'abolished', version_no = $2, abolished_from = $3, updated_at = now()
        WHERE code = $1 AND version_no < $2`,
      [p.code, p.versionNo, p.decision.effectiveFrom],
    );
  }

  /** The names of these procedures, by code. */
  async names(codes: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT code, name FROM procedure_facts WHERE code = ANY($1::text[])`, [codes])) as Array<{ code: string; name: string }>;
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
