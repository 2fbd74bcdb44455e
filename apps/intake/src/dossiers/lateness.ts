import type { DossierStatus } from '@onestop/domain';
import type { Dossier } from './dossier.entity.js';

/** Statuses that still run against the due date: no result yet, not closed. */
export const OPEN_STATUSES: readonly DossierStatus[] = ['registered', 'accepted', 'processing', 'supplement_requested', 'payment_requested'];

/**
 * Late (quá hạn) as the law counts it, and as workflow's lateness, its worklist and report 06a
 * do: past the due date (`dueAt`: the statutory time from receipt, moved out only by the time
 * waited for the applicant's supplements) without a result. An apology's new appointment
 * (form 04) does not make a late dossier on time; while the clock stands for the applicant,
 * the dossier is judged as at the time it stopped.
 */
export function isOverdue(dossier: Pick<Dossier, 'status' | 'dueAt' | 'clockStoppedAt'>, now: Date): boolean {
  return OPEN_STATUSES.includes(dossier.status) && dossier.dueAt < (dossier.clockStoppedAt ?? now);
}

/** The same test in SQL on `dossiers` aliased `d`, with the parameters `:now` and `:open`. */
export const OVERDUE_SQL = `(d.status = ANY(:open) AND d.due_at < COALESCE(d.clock_stopped_at, :now))`;
