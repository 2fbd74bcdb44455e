import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { StepKind } from '../catalog/procedure.js';
import type { DossierStatus } from '../intake/dossier.js';
import type { Role } from '../roles.js';

/**
 * Where a processing case stands. `in_step` means at one of the template's steps (the step's
 * kind says which work is due); the others are waits or ends.
 */
export const CASE_STATES = ['in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready', 'returned', 'refused', 'stopped', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const FINAL_CASE_STATES: readonly CaseState[] = ['returned', 'refused', 'stopped', 'withdrawn'];

/** What officers do to a case (and what the system does on intake's events). */
export const CASE_ACTIONS = [
  'accept',
  'claim',
  'assign',
  'forward',
  'appraise',
  'approve',
  'refuse',
  'request_supplement',
  'resume',
  'stop',
  'issue_result',
  'mark_returned',
  'handle_on_the_spot',
  'apologise',
  'withdraw',
  // Payment's events: a fee assessed during processing stops the clock (national status 6) until paid.
  'request_payment',
  'payment_received',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The actions only other services' events take: intake's (`resume`, `withdraw`) and payment's. */
const SYSTEM_ACTIONS = ['resume', 'withdraw', 'request_payment', 'payment_received'] as const;

/** Actions officers send through the API; the others come from intake's and payment's events. */
export type OfficerAction = Exclude<CaseAction, (typeof SYSTEM_ACTIONS)[number]>;
export const OFFICER_ACTIONS = CASE_ACTIONS.filter((a): a is OfficerAction => !(SYSTEM_ACTIONS as readonly string[]).includes(a));

/** How a case stands against its due date: past it, due within the at-risk margin, or neither. */
export const LATENESS_STATES = ['on_time', 'at_risk', 'overdue'] as const;
export type Lateness = (typeof LATENESS_STATES)[number];

/**
 * The lateness of a case at `now`, as the sweep marks it but computed on the spot: overdue once
 * its due date has passed, at risk when it falls within `atRiskWorkingMinutes` working minutes,
 * else on time. While the applicant supplements the clock is stopped (`pausedAt`), so the case
 * stands as it did when the request was made. Lateness is counted against the due date, which
 * is the appointment until an apology (form 04) sets a new one, and never moves with it.
 */
export function caseLateness(dueAt: Date, pausedAt: Date | null, now: Date, calendar: WorkingCalendar, atRiskWorkingMinutes: number): Lateness {
  const at = pausedAt ?? now;
  if (dueAt < at) return 'overdue';
  return dueAt < calendar.addWorkingMinutes(at, atRiskWorkingMinutes) ? 'at_risk' : 'on_time';
}

/**
 * When a step's share of the time limit runs out: `allottedMinutes` working minutes on the
 * calendar from the moment the case entered the step (counted from the next working session
 * when it entered outside office hours). Time waiting for the applicant's supplement at the step
 * moves it out by the working minutes waited, as it moves the case's due date (see
 * `stepDueAfterWait`). Each agency of an inter-agency chain is judged by its own step's due time;
 * the case as a whole is judged by its own due date (caseLateness), which is what reports count.
 */
export function stepDueAt(enteredAt: Date, allottedMinutes: number, calendar: WorkingCalendar): Date {
  return calendar.addWorkingMinutes(enteredAt, Math.max(0, allottedMinutes));
}

/** A step's due time once the applicant's supplement arrives: out by the working minutes waited. */
export function stepDueAfterWait(dueAt: Date, waitedMinutes: number, calendar: WorkingCalendar): Date {
  return waitedMinutes > 0 ? calendar.addWorkingMinutes(dueAt, waitedMinutes) : dueAt;
}

/**
 * Whether the step a case is at has used up its share: its due time is past at `now`, or was
 * already past when the clock stopped for a supplement (`pausedAt`). Unknown (null) due: no.
 */
export function stepOverdue(dueAt: Date | null, pausedAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt < (pausedAt ?? now);
}

/** A step's working time against its share: minutes beyond it (0 within), and whether it went over. */
export function stepOverrun(spentMinutes: number, allottedMinutes: number): { overrunMinutes: number; overShare: boolean } {
  const overrunMinutes = Math.max(0, spentMinutes - allottedMinutes);
  return { overrunMinutes, overShare: overrunMinutes > 0 };
}

export interface CasePosition {
  state: CaseState;
  /** The kind of the current step (meaningful while in_step or awaiting_supplement). */
  stepKind: StepKind;
  /** Whether the current step is the template's last. */
  lastStep: boolean;
  /** Eligible for "4 tại chỗ" and received at the counter. */
  onTheSpot: boolean;
  /** The late unit's apology (form 04) was issued already: the date is reset once only. */
  apologised: boolean;
  /** The case's lateness now (see caseLateness): only a late or at-risk unit apologises. */
  lateness: Lateness;
  /**
   * Submitted online (or pushed by the national portal) and not yet accepted by the one-stop
   * desk: national status 1, "newly registered". Reception accepts it (status 2, the time limit
   * counted from then), refuses it (form 03) or asks for a supplement (form 02).
   */
  awaitingAcceptance?: boolean;
}

export type Transition =
  | { allowed: true; to: CaseState; advancesStep: boolean }
  | { allowed: false; reason: string };

const OPEN_WORK: readonly CaseState[] = ['in_step'];

/**
 * The allowed transitions of a case, one rule per action. Every (state, step, action) not
 * allowed here is refused with the reason, which the API answers as a 409 naming the state.
 */
export function transition(position: CasePosition, action: CaseAction): Transition {
  const { state, stepKind, lastStep } = position;
  const refuse = (reason: string): Transition => ({ allowed: false, reason });
  const final = FINAL_CASE_STATES.includes(state);
  if (final) return refuse(`the case is ${state}; nothing more can be done`);
  if (position.awaitingAcceptance && state === 'in_step' && !['accept', 'claim', 'assign', 'refuse', 'request_supplement', 'withdraw', 'stop', 'apologise'].includes(action)) {
    return refuse('the dossier was submitted online and is not accepted yet: accept it (or refuse it, or request a supplement) first');
  }
  switch (action) {
    case 'accept':
      if (state !== 'in_step' || stepKind !== 'receive' || !position.awaitingAcceptance) return refuse(`only a dossier submitted online and not yet accepted is accepted, and the case is ${describe(position)}${state === 'in_step' && stepKind === 'receive' ? ', accepted already' : ''}`);
      return { allowed: true, to: 'in_step', advancesStep: false };
    case 'claim':
    case 'assign':
      return OPEN_WORK.includes(state) ? { allowed: true, to: state, advancesStep: false } : refuse(`a case ${state.replace('_', ' ')} is not worked on`);
    case 'forward':
      if (state !== 'in_step') return refuse(`only a case at a step can be forwarded, not one ${state}`);
      if (lastStep || stepKind === 'return') return refuse('the last step has no next step: issue the result instead');
      // An appraise step ends with the appraisal opinion and an approve step with the decision,
      // each recorded by its own action, which also moves the case on; forward is the hand-over
      // from reception to the competent unit.
      if (stepKind === 'appraise') return refuse('the case is at an appraise step, which ends with the appraisal opinion: appraise (or refuse, or request a supplement) instead of forwarding');
      if (stepKind === 'approve') return refuse('the case is at an approve step, which ends with the decision: approve (or refuse) instead of forwarding');
      return { allowed: true, to: 'in_step', advancesStep: true };
    case 'appraise':
    case 'approve': {
      const kind = action === 'appraise' ? 'appraise' : 'approve';
      if (state !== 'in_step' || stepKind !== kind) return refuse(`${action} is done at an ${kind} step, and the case is ${describe(position)}`);
      return lastStep ? { allowed: true, to: 'result_ready', advancesStep: false } : { allowed: true, to: 'in_step', advancesStep: true };
    }
    case 'refuse':
      if (state !== 'in_step' || stepKind === 'return') return refuse(`a dossier is refused at reception, appraisal or approval, and the case is ${describe(position)}`);
      return { allowed: true, to: 'refused', advancesStep: false };
    case 'request_supplement':
      if (state !== 'in_step' || (stepKind !== 'receive' && stepKind !== 'appraise')) {
        return refuse(`a supplement is requested at reception or appraisal, and the case is ${describe(position)}`);
      }
      return { allowed: true, to: 'awaiting_supplement', advancesStep: false };
    case 'resume':
      return state === 'awaiting_supplement' ? { allowed: true, to: 'in_step', advancesStep: false } : refuse(`no supplement is awaited; the case is ${describe(position)}`);
    case 'stop':
      return state === 'in_step' || state === 'awaiting_supplement' || state === 'awaiting_payment' ? { allowed: true, to: 'stopped', advancesStep: false } : refuse(`a case ${describe(position)} can no longer be stopped`);
    case 'request_payment':
      // A fee assessed during processing: the case waits for the applicant to pay, its clock stopped.
      return state === 'in_step' ? { allowed: true, to: 'awaiting_payment', advancesStep: false } : refuse(`a fee stops the clock of a case at a step, and the case is ${describe(position)}`);
    case 'payment_received':
      return state === 'awaiting_payment' ? { allowed: true, to: 'in_step', advancesStep: false } : refuse(`no payment is awaited; the case is ${describe(position)}`);
    case 'issue_result':
      if (state !== 'in_step' || !lastStep) return refuse(`the result is issued at the last step, and the case is ${describe(position)}`);
      return { allowed: true, to: 'result_ready', advancesStep: false };
    case 'mark_returned':
      return state === 'result_ready' ? { allowed: true, to: 'returned', advancesStep: false } : refuse(`only a ready result is returned; the case is ${describe(position)}`);
    case 'handle_on_the_spot':
      if (!position.onTheSpot) return refuse('the dossier is not handled "4 tại chỗ": the procedure is not eligible or it was not received at the counter');
      if (state !== 'in_step' || stepKind !== 'receive') return refuse(`"4 tại chỗ" is done in the visit, at reception, and the case is ${describe(position)}`);
      return { allowed: true, to: 'returned', advancesStep: false };
    case 'apologise':
      if (state !== 'in_step' && state !== 'awaiting_supplement' && state !== 'awaiting_payment') return refuse(`a case ${describe(position)} is not late any more`);
      if (position.apologised) return refuse('the apology and new appointment (form 04) were issued already; the date is reset once only');
      if (position.lateness === 'on_time') {
        return refuse('the case is on_time (neither overdue nor at risk of being late): the apology and new appointment (form 04) are issued by the unit that is late or about to be');
      }
      return { allowed: true, to: state, advancesStep: false };
    case 'withdraw':
      return state === 'result_ready' ? refuse('the result is ready: the dossier can no longer be withdrawn') : { allowed: true, to: 'withdrawn', advancesStep: false };
  }
}

function describe(position: CasePosition): string {
  return position.state === 'in_step' ? `at a ${position.stepKind} step` : position.state.replace('_', ' ');
}

/** Who does what: the one-stop desk receives and returns, specialists appraise, leaders approve. */
export function rolesFor(action: OfficerAction, stepKind: StepKind): Role[] {
  switch (action) {
    case 'assign':
    case 'stop':
      return ['leader'];
    case 'appraise':
      return ['specialist'];
    case 'approve':
      return ['leader'];
    case 'apologise':
      return ['reception', 'specialist', 'leader'];
    case 'mark_returned':
    case 'handle_on_the_spot':
      return ['reception'];
    default:
      return stepKind === 'receive' || stepKind === 'return' ? ['reception'] : stepKind === 'appraise' ? ['specialist', 'leader'] : ['leader'];
  }
}

/** The dossier status (and national code) a case state shows to the applicant and the portal. */
export function dossierStatusOf(state: CaseState, stepKind: StepKind, stepIndex: number, awaitingAcceptance = false): DossierStatus {
  switch (state) {
    case 'in_step':
      if (awaitingAcceptance) return 'registered';
      return stepIndex === 0 && stepKind === 'receive' ? 'accepted' : 'processing';
    case 'awaiting_supplement':
      return 'supplement_requested';
    case 'awaiting_payment':
      return 'payment_requested';
    case 'result_ready':
      return 'processed';
    default:
      return state;
  }
}
