import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcedureAbolishedV1, ProcedureVersionSummaryV1 } from '@onestop/domain';
import type { ReportScope } from '../reports/report-context.js';

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

/** Every statement on reporting's copy of every procedure version (`procedure_versions`), from catalog's events. */
@Injectable()
export class ProcedureVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every version is kept, once. */
  async recordVersion(p: ProcedureVersionSummaryV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO procedure_versions (code, version_no, kind, effective_from, name, field_code, level_code, competent_agency_code, receiving_agency_codes,
                                       online_level, online_mode, on_the_spot_eligible, integrated_national_portal)
       VALUES ($1, $2, 'version', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (code, version_no) DO NOTHING`,
      [p.code, p.versionNo, p.decision.effectiveFrom, p.name, p.fieldCode, p.levelCode, p.competentAgencyCode, p.receivingAgencyCodes ?? [], p.onlineLevel, p.onlineMode, p.onTheSpotEligible, p.integratedNationalPortal],
    );
  }

  async recordAbolition(p: ProcedureAbolishedV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO procedure_versions (code, version_no, kind, effective_from) VALUES ($1, $2, 'abolition', $3) ON CONFLICT (code, version_no) DO NOTHING`,
      [p.code, p.versionNo, p.decision.effectiveFrom],
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
}
