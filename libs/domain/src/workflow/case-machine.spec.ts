import { describe, expect, it } from '@jest/globals';
import { STEP_KINDS, type StepKind } from '../catalog/procedure.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import {
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  caseLateness,
  type CasePosition,
  type CaseState,
  dossierStatusOf,
  FINAL_CASE_STATES,
  LATENESS_STATES,
  OFFICER_ACTIONS,
  rolesFor,
  stepDueAfterWait,
  stepDueAt,
  stepOverdue,
  stepOverrun,
  transition,
} from './case-machine.js';

const position = (state: CaseState, stepKind: StepKind, overrides: Partial<CasePosition> = {}): CasePosition => ({
  state,
  stepKind,
  lastStep: stepKind === 'return',
  onTheSpot: false,
  apologised: false,
  lateness: 'on_time',
  ...overrides,
});

/**
 * The expected outcome of every action in every open state at every step kind, for a case that
 * is late (overdue or at risk): the target state or '-' (refused). On time, only the apology
 * differs: it is refused.
 */
const EXPECTED: Record<'in_step' | 'awaiting_supplement' | 'awaiting_payment' | 'result_ready', Record<StepKind, Record<CaseAction, CaseState | '-'>>> = {
  in_step: {
    receive: { accept: '-', claim: 'in_step', assign: 'in_step', forward: 'in_step', appraise: '-', approve: '-', refuse: 'refused', request_supplement: 'awaiting_supplement', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn', request_payment: 'awaiting_payment', payment_received: '-' },
    appraise: { accept: '-', claim: 'in_step', assign: 'in_step', forward: '-', appraise: 'in_step', approve: '-', refuse: 'refused', request_supplement: 'awaiting_supplement', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn', request_payment: 'awaiting_payment', payment_received: '-' },
    approve: { accept: '-', claim: 'in_step', assign: 'in_step', forward: '-', appraise: '-', approve: 'in_step', refuse: 'refused', request_supplement: '-', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn', request_payment: 'awaiting_payment', payment_received: '-' },
    return: { accept: '-', claim: 'in_step', assign: 'in_step', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: '-', stop: 'stopped', issue_result: 'result_ready', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn', request_payment: 'awaiting_payment', payment_received: '-' },
  },
  awaiting_supplement: Object.fromEntries(
    STEP_KINDS.map((kind) => [
      kind,
      { accept: '-', claim: '-', assign: '-', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: 'in_step', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'awaiting_supplement', withdraw: 'withdrawn', request_payment: '-', payment_received: '-' },
    ]),
  ) as Record<StepKind, Record<CaseAction, CaseState | '-'>>,
  awaiting_payment: Object.fromEntries(
    STEP_KINDS.map((kind) => [
      kind,
      { accept: '-', claim: '-', assign: '-', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'awaiting_payment', withdraw: 'withdrawn', request_payment: '-', payment_received: 'in_step' },
    ]),
  ) as Record<StepKind, Record<CaseAction, CaseState | '-'>>,
  result_ready: Object.fromEntries(
    STEP_KINDS.map((kind) => [
      kind,
      { accept: '-', claim: '-', assign: '-', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: '-', stop: '-', issue_result: '-', mark_returned: 'returned', handle_on_the_spot: '-', apologise: '-', withdraw: '-', request_payment: '-', payment_received: '-' },
    ]),
  ) as Record<StepKind, Record<CaseAction, CaseState | '-'>>,
};

describe('the case state machine', () => {
  for (const state of ['in_step', 'awaiting_supplement', 'awaiting_payment', 'result_ready'] as const) {
    for (const kind of STEP_KINDS) {
      for (const lateness of LATENESS_STATES) {
        const expectedOf = (action: CaseAction) => (action === 'apologise' && lateness === 'on_time' ? '-' : EXPECTED[state][kind][action]);
        it.each(CASE_ACTIONS.map((action) => [action, expectedOf(action)]))(`${state} at a ${kind} step, ${lateness}: %s → %s`, (action, expected) => {
          const outcome = transition(position(state, kind, { lateness }), action as CaseAction);
          if (expected === '-') {
            expect(outcome.allowed).toBe(false);
            if (!outcome.allowed) expect(outcome.reason.length).toBeGreaterThan(10);
          } else {
            expect(outcome).toMatchObject({ allowed: true, to: expected });
          }
        });
      }
    }
  }

  it('refuses every action on a closed case, naming its state', () => {
    for (const state of FINAL_CASE_STATES) {
      for (const kind of STEP_KINDS) {
        for (const action of CASE_ACTIONS) {
          const outcome = transition(position(state, kind), action);
          expect(outcome).toEqual({ allowed: false, reason: expect.stringContaining(state) });
        }
      }
    }
  });

  it('keeps an online dossier newly registered until reception accepts it, refuses it or asks for a supplement', () => {
    const registered = position('in_step', 'receive', { awaitingAcceptance: true });
    expect(transition(registered, 'accept')).toEqual({ allowed: true, to: 'in_step', advancesStep: false });
    expect(transition(registered, 'forward')).toMatchObject({ allowed: false, reason: expect.stringContaining('not accepted yet') });
    expect(transition(registered, 'refuse')).toMatchObject({ allowed: true, to: 'refused' });
    expect(transition(registered, 'request_supplement')).toMatchObject({ allowed: true, to: 'awaiting_supplement' });
    expect(transition(registered, 'withdraw')).toMatchObject({ allowed: true, to: 'withdrawn' });
    expect(transition(position('in_step', 'receive'), 'accept')).toMatchObject({ allowed: false, reason: expect.stringContaining('accepted already') });
    expect(rolesFor('accept', 'receive')).toEqual(['reception']);
    expect(dossierStatusOf('in_step', 'receive', 0, true)).toBe('registered');
    expect(dossierStatusOf('awaiting_supplement', 'receive', 0, true)).toBe('supplement_requested');
    expect(dossierStatusOf('in_step', 'receive', 0, false)).toBe('accepted');
  });

  it('moves to the next step on forward, appraise and approve, except from the last step', () => {
    expect(transition(position('in_step', 'appraise'), 'appraise')).toEqual({ allowed: true, to: 'in_step', advancesStep: true });
    expect(transition(position('in_step', 'approve', { lastStep: true }), 'approve')).toEqual({ allowed: true, to: 'result_ready', advancesStep: false });
    expect(transition(position('in_step', 'appraise', { lastStep: true }), 'forward').allowed).toBe(false);
    expect(transition(position('in_step', 'approve', { lastStep: true }), 'issue_result')).toMatchObject({ allowed: true, to: 'result_ready' });
  });

  it('handles "4 tại chỗ" only for an eligible counter dossier, at reception', () => {
    expect(transition(position('in_step', 'receive', { onTheSpot: true }), 'handle_on_the_spot')).toMatchObject({ allowed: true, to: 'returned' });
    expect(transition(position('in_step', 'appraise', { onTheSpot: true }), 'handle_on_the_spot').allowed).toBe(false);
    expect(transition(position('in_step', 'receive'), 'handle_on_the_spot')).toMatchObject({ allowed: false, reason: expect.stringContaining('not eligible') });
  });

  it('allows the apology and new appointment once, to a unit that is late or about to be', () => {
    expect(transition(position('in_step', 'appraise', { lateness: 'overdue', apologised: true }), 'apologise')).toMatchObject({ allowed: false, reason: expect.stringContaining('once') });
    expect(transition(position('in_step', 'appraise', { lateness: 'overdue' }), 'apologise')).toEqual({ allowed: true, to: 'in_step', advancesStep: false });
    expect(transition(position('awaiting_supplement', 'appraise', { lateness: 'at_risk' }), 'apologise')).toEqual({ allowed: true, to: 'awaiting_supplement', advancesStep: false });
    // On time, the refusal names the case's lateness.
    expect(transition(position('in_step', 'appraise', { lateness: 'on_time' }), 'apologise')).toMatchObject({ allowed: false, reason: expect.stringContaining('on_time') });
    expect(transition(position('awaiting_supplement', 'receive', { lateness: 'on_time' }), 'apologise')).toMatchObject({ allowed: false, reason: expect.stringContaining('on_time') });
  });

  it('passes an appraise or approve step only with its own action, which records the opinion or the decision', () => {
    expect(transition(position('in_step', 'receive'), 'forward')).toEqual({ allowed: true, to: 'in_step', advancesStep: true });
    expect(transition(position('in_step', 'appraise'), 'forward')).toMatchObject({ allowed: false, reason: expect.stringContaining('appraise step') });
    expect(transition(position('in_step', 'approve'), 'forward')).toMatchObject({ allowed: false, reason: expect.stringContaining('approve step') });
  });

  it('never enters a state outside the list', () => {
    for (const state of CASE_STATES) {
      for (const kind of STEP_KINDS) {
        for (const action of CASE_ACTIONS) {
          for (const flags of [{}, { lastStep: true }, { onTheSpot: true }, { apologised: true }, { lateness: 'at_risk' as const }, { lateness: 'overdue' as const }]) {
            const outcome = transition(position(state, kind, flags), action);
            if (outcome.allowed) expect(CASE_STATES).toContain(outcome.to);
          }
        }
      }
    }
  });
});

describe('lateness against the due date', () => {
  // Monday-Friday, 07:00-11:30 and 13:30-17:00 in Vietnam; no holidays.
  const calendar = new WorkingCalendar({ sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [6, 7], daysOff: new Set<string>(), workingDays: new Set<string>() });
  const due = new Date('2026-03-18T10:00:00+07:00'); // a Wednesday
  const at = (instant: string) => new Date(instant);

  it('is on time until the due date comes within the at-risk margin, at risk within it, overdue after it', () => {
    expect(caseLateness(due, null, at('2026-03-16T10:00:00+07:00'), calendar, 480)).toBe('on_time');
    // Tuesday 10:00: one working day (480 min) ahead is Wednesday 10:00, not before the due date.
    expect(caseLateness(due, null, at('2026-03-17T10:00:00+07:00'), calendar, 480)).toBe('on_time');
    expect(caseLateness(due, null, at('2026-03-17T10:01:00+07:00'), calendar, 480)).toBe('at_risk');
    expect(caseLateness(due, null, at('2026-03-18T10:00:00+07:00'), calendar, 480)).toBe('at_risk');
    expect(caseLateness(due, null, at('2026-03-18T10:01:00+07:00'), calendar, 480)).toBe('overdue');
    expect(caseLateness(due, null, at('2026-03-17T16:00:00+07:00'), calendar, 0)).toBe('on_time');
  });

  it('stands still while the applicant supplements: judged at the time the request was made', () => {
    expect(caseLateness(due, at('2026-03-16T10:00:00+07:00'), at('2026-03-25T10:00:00+07:00'), calendar, 480)).toBe('on_time');
    expect(caseLateness(due, at('2026-03-17T15:00:00+07:00'), at('2026-03-25T10:00:00+07:00'), calendar, 480)).toBe('at_risk');
    expect(caseLateness(due, at('2026-03-19T08:00:00+07:00'), at('2026-03-25T10:00:00+07:00'), calendar, 480)).toBe('overdue');
  });
});

describe('the step clock', () => {
  const calendar = new WorkingCalendar({ sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [6, 7], daysOff: new Set(['2026-03-20']), workingDays: new Set<string>() });
  const at = (instant: string) => new Date(instant);

  it('gives a step its share in working minutes from the moment the case entered it', () => {
    // Monday 10:00 + 480: one working day later.
    expect(stepDueAt(at('2026-03-16T10:00:00+07:00'), 480, calendar)).toEqual(at('2026-03-17T10:00:00+07:00'));
    // Entered on Thursday at 16:00, two days' share: over a day off (Friday) and the weekend.
    expect(stepDueAt(at('2026-03-19T16:00:00+07:00'), 960, calendar)).toEqual(at('2026-03-24T16:00:00+07:00'));
    // Entered after office hours: counted from the next working morning; a share of 0 is due at once.
    expect(stepDueAt(at('2026-03-16T18:30:00+07:00'), 60, calendar)).toEqual(at('2026-03-17T08:00:00+07:00'));
    expect(stepDueAt(at('2026-03-16T10:00:00+07:00'), 0, calendar)).toEqual(at('2026-03-16T10:00:00+07:00'));
  });

  it('moves the due time out by the working time waited for a supplement', () => {
    expect(stepDueAfterWait(at('2026-03-17T10:00:00+07:00'), 960, calendar)).toEqual(at('2026-03-19T10:00:00+07:00'));
    // Nothing waited: the due time stays, even at the end of a session.
    expect(stepDueAfterWait(at('2026-03-17T17:00:00+07:00'), 0, calendar)).toEqual(at('2026-03-17T17:00:00+07:00'));
  });

  it('is overdue once its due time has passed, judged when the clock stopped while a supplement is awaited', () => {
    const due = at('2026-03-17T10:00:00+07:00');
    expect(stepOverdue(due, null, at('2026-03-17T10:00:00+07:00'))).toBe(false);
    expect(stepOverdue(due, null, at('2026-03-17T10:01:00+07:00'))).toBe(true);
    expect(stepOverdue(due, at('2026-03-17T09:00:00+07:00'), at('2026-03-30T10:00:00+07:00'))).toBe(false);
    expect(stepOverdue(due, at('2026-03-17T11:00:00+07:00'), at('2026-03-30T10:00:00+07:00'))).toBe(true);
    expect(stepOverdue(null, null, at('2026-03-30T10:00:00+07:00'))).toBe(false);
  });

  it('compares the working time spent with the share', () => {
    expect(stepOverrun(1500, 1440)).toEqual({ overrunMinutes: 60, overShare: true });
    expect(stepOverrun(1440, 1440)).toEqual({ overrunMinutes: 0, overShare: false });
    expect(stepOverrun(100, 1440)).toEqual({ overrunMinutes: 0, overShare: false });
  });
});

describe('who acts', () => {
  it('gives reception the desk, specialists appraisal and leaders approval', () => {
    expect(rolesFor('forward', 'receive')).toEqual(['reception']);
    expect(rolesFor('appraise', 'appraise')).toEqual(['specialist']);
    expect(rolesFor('approve', 'approve')).toEqual(['leader']);
    expect(rolesFor('issue_result', 'return')).toEqual(['reception']);
    expect(rolesFor('refuse', 'appraise')).toEqual(['specialist', 'leader']);
    expect(rolesFor('assign', 'appraise')).toEqual(['leader']);
    for (const action of OFFICER_ACTIONS) for (const kind of STEP_KINDS) expect(rolesFor(action, kind).length).toBeGreaterThan(0);
  });
});

describe('the status the applicant sees', () => {
  it('maps case states to the national statuses', () => {
    expect(dossierStatusOf('in_step', 'receive', 0)).toBe('accepted');
    expect(dossierStatusOf('in_step', 'appraise', 1)).toBe('processing');
    expect(dossierStatusOf('awaiting_supplement', 'appraise', 1)).toBe('supplement_requested');
    expect(dossierStatusOf('result_ready', 'return', 3)).toBe('processed');
    expect(dossierStatusOf('returned', 'return', 3)).toBe('returned');
    expect(dossierStatusOf('withdrawn', 'appraise', 1)).toBe('withdrawn');
  });
});
