import { describe, expect, it } from '@jest/globals';
import { STEP_KINDS, type StepKind } from '../catalog/procedure.js';
import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CasePosition, type CaseState, dossierStatusOf, FINAL_CASE_STATES, OFFICER_ACTIONS, rolesFor, transition } from './case-machine.js';

const position = (state: CaseState, stepKind: StepKind, overrides: Partial<CasePosition> = {}): CasePosition => ({
  state,
  stepKind,
  lastStep: stepKind === 'return',
  onTheSpot: false,
  apologised: false,
  ...overrides,
});

/** The expected outcome of every action in every open state at every step kind: the target state or '-' (refused). */
const EXPECTED: Record<'in_step' | 'awaiting_supplement' | 'result_ready', Record<StepKind, Record<CaseAction, CaseState | '-'>>> = {
  in_step: {
    receive: { claim: 'in_step', assign: 'in_step', forward: 'in_step', appraise: '-', approve: '-', refuse: 'refused', request_supplement: 'awaiting_supplement', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn' },
    appraise: { claim: 'in_step', assign: 'in_step', forward: 'in_step', appraise: 'in_step', approve: '-', refuse: 'refused', request_supplement: 'awaiting_supplement', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn' },
    approve: { claim: 'in_step', assign: 'in_step', forward: 'in_step', appraise: '-', approve: 'in_step', refuse: 'refused', request_supplement: '-', resume: '-', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn' },
    return: { claim: 'in_step', assign: 'in_step', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: '-', stop: 'stopped', issue_result: 'result_ready', mark_returned: '-', handle_on_the_spot: '-', apologise: 'in_step', withdraw: 'withdrawn' },
  },
  awaiting_supplement: Object.fromEntries(
    STEP_KINDS.map((kind) => [
      kind,
      { claim: '-', assign: '-', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: 'in_step', stop: 'stopped', issue_result: '-', mark_returned: '-', handle_on_the_spot: '-', apologise: 'awaiting_supplement', withdraw: 'withdrawn' },
    ]),
  ) as Record<StepKind, Record<CaseAction, CaseState | '-'>>,
  result_ready: Object.fromEntries(
    STEP_KINDS.map((kind) => [
      kind,
      { claim: '-', assign: '-', forward: '-', appraise: '-', approve: '-', refuse: '-', request_supplement: '-', resume: '-', stop: '-', issue_result: '-', mark_returned: 'returned', handle_on_the_spot: '-', apologise: '-', withdraw: '-' },
    ]),
  ) as Record<StepKind, Record<CaseAction, CaseState | '-'>>,
};

describe('the case state machine', () => {
  for (const state of ['in_step', 'awaiting_supplement', 'result_ready'] as const) {
    for (const kind of STEP_KINDS) {
      it.each(CASE_ACTIONS.map((action) => [action, EXPECTED[state][kind][action]]))(`${state} at a ${kind} step: %s → %s`, (action, expected) => {
        const outcome = transition(position(state, kind), action as CaseAction);
        if (expected === '-') {
          expect(outcome.allowed).toBe(false);
          if (!outcome.allowed) expect(outcome.reason.length).toBeGreaterThan(10);
        } else {
          expect(outcome).toMatchObject({ allowed: true, to: expected });
        }
      });
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

  it('allows the apology and new appointment once', () => {
    expect(transition(position('in_step', 'appraise', { apologised: true }), 'apologise')).toMatchObject({ allowed: false, reason: expect.stringContaining('once') });
  });

  it('never enters a state outside the list', () => {
    for (const state of CASE_STATES) {
      for (const kind of STEP_KINDS) {
        for (const action of CASE_ACTIONS) {
          for (const flags of [{}, { lastStep: true }, { onTheSpot: true }, { apologised: true }]) {
            const outcome = transition(position(state, kind, flags), action);
            if (outcome.allowed) expect(CASE_STATES).toContain(outcome.to);
          }
        }
      }
    }
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
