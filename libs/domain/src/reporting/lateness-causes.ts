import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { STEP_KINDS, type StepKind } from '../catalog/procedure.js';
import { withoutDiacritics } from '../notification/sms-segments.js';

/**
 * Why dossiers were late (nguyên nhân trễ hạn), from what workflow announced: the reasons given
 * in apologies (thư xin lỗi, form 04), grouped by a classification kept as data, and the
 * processing steps that overran their share of the time limit. Pure, so reporting's figures
 * and their tests share one rule.
 */

/** One class of apology reasons: a reason is in it when its words contain one of the keywords. */
export interface LatenessCauseCategory {
  key: string;
  name: string;
  /** Matched without diacritics or case, as whole words or phrases ("bo sung" matches "Bổ sung"). */
  keywords: string[];
}

/** The class of reasons that match no keyword, and of apologies that gave none. */
export const OTHER_CAUSE_KEY = 'other';
export const OTHER_CAUSE_NAME = 'Nguyên nhân khác';

/** Lower case, no tone or vowel marks, đ → d, words separated by one space. */
export function foldWords(text: string): string {
  return withoutDiacritics(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** The first category (in the order given) with a keyword among the reason's words; `other` when none. */
export function classifyReason(reason: string | null, categories: readonly LatenessCauseCategory[]): string {
  if (!reason) return OTHER_CAUSE_KEY;
  const words = ` ${foldWords(reason)} `;
  const found = categories.find((category) => category.keywords.some((keyword) => {
    const folded = foldWords(keyword);
    return folded !== '' && words.includes(` ${folded} `);
  }));
  return found?.key ?? OTHER_CAUSE_KEY;
}

/** A step of a dossier as announced: what began it, where it was, and its share's end. */
export interface AnnouncedStep {
  kind: StepKind | null;
  unitCode: string;
  startedAt: string;
  statutoryEndAt: string | null;
}

/** One announcement of a dossier's progress, as reporting keeps it (DossierStatusChanged v2). */
export interface ProgressFact {
  sequence: number;
  at: string;
  /** The step the dossier is at after this change; absent in facts kept before steps were. */
  step?: AnnouncedStep | null;
}

/** A step that ended after its share of the time limit (or is still open past it at `until`). */
export interface StepOverrun {
  kind: StepKind | null;
  unitCode: string;
  startedAt: string;
  statutoryEndAt: string;
  endedAt: string | null;
  /** Working minutes between the step's share's end and its end (or `until`). */
  overrunWorkingMinutes: number;
}

/**
 * The steps of a dossier that overran their share: each step (told apart by its start) ends
 * when the next one starts or the dossier closes; one still open is judged at `until`.
 */
export function stepOverruns(progress: readonly ProgressFact[], closedAt: string | null, until: Date, calendar: WorkingCalendar): StepOverrun[] {
  const ordered = [...progress].sort((a, b) => a.sequence - b.sequence);
  const steps: Array<{ step: AnnouncedStep; endedAt: string | null }> = [];
  for (const change of ordered) {
    const current = steps.at(-1);
    if (!change.step) continue;
    if (current && current.endedAt === null && change.step.startedAt !== current.step.startedAt) current.endedAt = change.at;
    // The same step announced again: its share's end may have moved out (a supplement's wait).
    if (current && change.step.startedAt === current.step.startedAt) current.step = { ...current.step, statutoryEndAt: change.step.statutoryEndAt ?? current.step.statutoryEndAt };
    else steps.push({ step: change.step, endedAt: null });
  }
  const last = steps.at(-1);
  if (last && last.endedAt === null && closedAt !== null) last.endedAt = closedAt;
  return steps.flatMap(({ step, endedAt }) => {
    if (!step.statutoryEndAt) return [];
    const end = endedAt === null ? until : new Date(endedAt);
    const share = new Date(step.statutoryEndAt);
    if (end <= share) return [];
    return [{ kind: step.kind, unitCode: step.unitCode, startedAt: step.startedAt, statutoryEndAt: step.statutoryEndAt, endedAt, overrunWorkingMinutes: calendar.workingMinutesBetween(share, end) }];
  });
}

/** The step kinds a report has a column for, in the order of a procedure's steps. */
export const OVERRUN_STEP_KINDS: readonly StepKind[] = STEP_KINDS;
