import { type Contribution, type DossierMeasure, GRAINS, grainStarts } from '@onestop/domain';

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
export function byGrain<M extends string>(contributions: ReadonlyArray<{ day: string; measure: M; n: number }>): Array<{ grain: string; start: string; values: Map<M, number> }> {
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
