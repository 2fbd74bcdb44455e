import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Contribution, DOSSIER_MEASURES } from '@onestop/domain';
import { byGrain, type ComplaintContribution, type ComplaintDims, type DossierDims } from './contributions.js';

/**
 * Every statement that writes the daily, monthly and yearly roll-ups (`dossier_rollup`,
 * `complaint_rollup`); the reports read them through RollupReader.
 */
@Injectable()
export class RollupsRepository {
  /**
   * Adds contributions (with their sign) to the dossier roll-ups, at every grain, in one
   * statement: the caller's transaction is the fact's, so facts and roll-ups never disagree.
   */
  async addToDossierRollup(dims: DossierDims, contributions: readonly Contribution[], sign: number, manager: EntityManager): Promise<void> {
    const rows = byGrain(contributions);
    if (rows.length === 0) return;
    const params: unknown[] = [dims.competentAgencyCode, dims.receivingAgencyCode, dims.fieldCode, dims.levelCode, dims.procedureCode, dims.channel];
    const tuples = rows.map((row) => {
      params.push(row.grain, row.start);
      const placeholders = [`$${params.length - 1}`, `$${params.length}::date`, '$1', '$2', '$3', '$4', '$5', '$6'];
      for (const measure of DOSSIER_MEASURES) {
        params.push(sign * (row.values.get(measure) ?? 0));
        placeholders.push(`$${params.length}::int`);
      }
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO dossier_rollup (grain, period_start, competent_agency_code, receiving_agency_code, field_code, level_code, procedure_code, channel, ${DOSSIER_MEASURES.join(', ')})
       VALUES ${tuples.join(',\n')}
       ON CONFLICT (grain, period_start, competent_agency_code, receiving_agency_code, field_code, level_code, procedure_code, channel) DO UPDATE SET
         ${DOSSIER_MEASURES.map((m) => `${m} = dossier_rollup.${m} + EXCLUDED.${m}`).join(', ')}`,
      params,
    );
  }

  async addToComplaintRollup(dims: ComplaintDims, contributions: readonly ComplaintContribution[], sign: number, manager: EntityManager): Promise<void> {
    const rows = byGrain(contributions);
    if (rows.length === 0) return;
    const params: unknown[] = [dims.agencyCode, dims.fieldCode, dims.levelCode, dims.procedureCode];
    const tuples = rows.map((row) => {
      params.push(row.grain, row.start, sign * (row.values.get('filed') ?? 0), sign * (row.values.get('answered') ?? 0));
      const n = params.length;
      return `($${n - 3}, $${n - 2}::date, $1, $2, $3, $4, $${n - 1}::int, $${n}::int)`;
    });
    await manager.query(
      `INSERT INTO complaint_rollup (grain, period_start, agency_code, field_code, level_code, procedure_code, filed, answered)
       VALUES ${tuples.join(',\n')}
       ON CONFLICT (grain, period_start, agency_code, field_code, level_code, procedure_code) DO UPDATE SET
         filed = complaint_rollup.filed + EXCLUDED.filed, answered = complaint_rollup.answered + EXCLUDED.answered`,
      params,
    );
  }
}
