import type { ProcedureContent } from '@onestop/domain';
import type { ProcedureStatus } from './procedure.entity.js';
import type { VersionKind } from './procedure-version.entity.js';

/** What the searchable row needs of a version. */
export interface VersionForRow {
  versionNo: number;
  kind: VersionKind;
  effectiveFrom: string;
  content: ProcedureContent;
}

/** The searchable row of a procedure on `today`, from all its versions. */
export interface SearchRow {
  status: ProcedureStatus;
  versionNo: number;
  content: ProcedureContent;
  effectiveFrom: string;
  abolishedFrom: string | null;
  pendingFrom: string | null;
}

/**
 * The row search and browse show on `today`: the version in force (the one with the latest
 * effective date on or before today, the highest number among equals, as `versionInForce` picks
 * it), or the first version while none is in force yet (`upcoming`). `abolishedFrom` is set as
 * soon as an abolition is decided, so a procedure still in force shows when it ends;
 * `pendingFrom` is the next date the row changes.
 */
export function searchRowAt(versions: VersionForRow[], today: string): SearchRow {
  if (versions.length === 0) throw new Error('a procedure has at least one version');
  const byNumber = [...versions].sort((a, b) => a.versionNo - b.versionNo);
  let inForce: VersionForRow | undefined;
  let pendingFrom: string | null = null;
  for (const v of byNumber) {
    if (v.effectiveFrom <= today) {
      if (!inForce || v.effectiveFrom >= inForce.effectiveFrom) inForce = v;
    } else if (pendingFrom === null || v.effectiveFrom < pendingFrom) {
      pendingFrom = v.effectiveFrom;
    }
  }
  const abolishedFrom = byNumber.find((v) => v.kind === 'abolished')?.effectiveFrom ?? null;
  if (!inForce) {
    const first = byNumber[0];
    return { status: 'upcoming', versionNo: first.versionNo, content: first.content, effectiveFrom: first.effectiveFrom, abolishedFrom, pendingFrom };
  }
  if (inForce.kind === 'abolished') {
    // The abolition keeps the content it ended; its row keeps the date that content took effect.
    const ended = byNumber.filter((v) => v.kind !== 'abolished' && v.versionNo < inForce.versionNo).at(-1);
    return { status: 'abolished', versionNo: inForce.versionNo, content: inForce.content, effectiveFrom: ended?.effectiveFrom ?? inForce.effectiveFrom, abolishedFrom, pendingFrom };
  }
  return { status: 'active', versionNo: inForce.versionNo, content: inForce.content, effectiveFrom: inForce.effectiveFrom, abolishedFrom, pendingFrom };
}
