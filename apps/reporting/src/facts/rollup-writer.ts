import type { EntityManager } from 'typeorm';
import { type Contribution, DOSSIER_MEASURES, type DossierMeasure, GRAINS, grainStarts } from '@onestop/domain';

/** The dimensions a dossier is counted under: fixed at receipt. */
export interface DossierDims {
  competentAgencyCode: string;
  receivingAgencyCode: string;
  fieldCode: string;
  levelCode: string;
  procedureCode: string;
  channel: string;
}

export function sameDims(a: DossierDims | null, b: DossierDims | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as Array<keyof DossierDims>).every((key) => a[key] === b[key]);
}

/** Stored form of contributions on a fact: [[day, measure, n], ...]. */
export type AppliedContributions = Array<[string, string, number]>;

export function toApplied(contributions: readonly Contribution[]): AppliedContributions {
  return contributions.map((c) => [c.day, c.measure, c.n]);
}

export function fromApplied(applied: AppliedContributions | null | undefined): Contribution[] {
  return (applied ?? []).map(([day, measure, n]) => ({ day, measure: measure as DossierMeasure, n }));
}

/** Spreads day contributions over the three grains: one vector of measures per (grain, period start), in key order. */
function byGrain<M extends string>(contributions: ReadonlyArray<{ day: string; measure: M; n: number }>): Array<{ grain: string; start: string; values: Map<M, number> }> {
  const rows = new Map<string, { grain: string; start: string; values: Map<M, number> }>();
  for (const c of contributions) {
    const starts = grainStarts(c.day);
    for (const grain of GRAINS) {
      const key = `${grain}|${starts[grain]}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { grain, start: starts[grain], values: new Map() }));
      row.values.set(c.measure, (row.values.get(c.measure) ?? 0) + c.n);
    }
  }
  // A fixed order takes the rows' locks in the same order in every transaction: no deadlocks
  // between two facts that touch the same roll-up rows.
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row)
    .filter((row) => [...row.values.values()].some((n) => n !== 0));
}

/**
 * Adds contributions (with their sign) to the dossier roll-ups, at every grain, in one
 * statement: the caller's transaction is the fact's, so facts and roll-ups never disagree.
 */
export async function addToDossierRollup(manager: EntityManager, dims: DossierDims, contributions: readonly Contribution[], sign = 1): Promise<void> {
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

export interface ComplaintDims {
  agencyCode: string;
  fieldCode: string;
  levelCode: string;
  procedureCode: string;
}

export type ComplaintMeasure = 'filed' | 'answered';
export interface ComplaintContribution {
  day: string;
  measure: ComplaintMeasure;
  n: number;
}

export async function addToComplaintRollup(manager: EntityManager, dims: ComplaintDims, contributions: readonly ComplaintContribution[], sign = 1): Promise<void> {
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
