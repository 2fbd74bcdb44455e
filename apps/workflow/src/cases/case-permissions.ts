import { type CasePosition, type CaseState, type Lateness, OFFICER_ACTIONS, type OfficerAction, type Role, rolesFor, transition } from '@onestop/domain';
import { type Caller, ProblemException } from '@onestop/platform';
import type { Case } from './case.entity.js';
import { WorkflowAccess } from '../access-policy.js';

/** What the state machine needs of a case, with its lateness judged now. */
export function positionOf(c: Case, lateness: Lateness): CasePosition {
  return {
    state: c.state,
    stepKind: c.currentStepKind,
    lastStep: c.stepIndex === c.steps.length - 1,
    onTheSpot: c.onTheSpotEligible,
    apologised: c.apology !== null,
    lateness,
    awaitingAcceptance: c.awaitingAcceptance,
  };
}

/** Whether a caller may take an action on a case now, and if not, why, as the API answers it. */
export type ActionVerdict =
  | { allowed: true; to: CaseState; advancesStep: boolean; roles: Role[] }
  | { allowed: false; refusal: 'action-not-allowed'; reason: string }
  | { allowed: false; refusal: 'not-your-step'; roles: Role[] }
  | { allowed: false; refusal: 'assigned-to-another' };

/**
 * The checks of an officer's action that need no input but the case and the caller, in the
 * order `act` answers them: the state machine (`transition`: 409 `action-not-allowed`), the role
 * that does the step and the agency where the case is (`rolesFor`: 403 `not-your-step`), and the
 * assignment (another officer's case, unless a leader's or an assignment: 403
 * `assigned-to-another`). What depends on the request (the assignee, the post's delivery of a
 * result, a new appointment) is judged when it comes.
 */
export function judgeAction(caller: Caller, c: Case, lateness: Lateness, action: OfficerAction): ActionVerdict {
  const outcome = transition(positionOf(c, lateness), action);
  if (!outcome.allowed) return { allowed: false, refusal: 'action-not-allowed', reason: outcome.reason };
  const roles = rolesFor(action, c.currentStepKind);
  if (!WorkflowAccess.actOnCase.doesStep(caller, roles, c.currentAgencyCode)) return { allowed: false, refusal: 'not-your-step', roles };
  if (c.assignee && c.assignee !== caller.subject && action !== 'assign' && !WorkflowAccess.actOnCase.overridesAssignment(caller)) return { allowed: false, refusal: 'assigned-to-another' };
  return { allowed: true, to: outcome.to, advancesStep: outcome.advancesStep, roles };
}

/** The refusal `act` answers for a verdict that does not allow the action. */
export function refusalOf(verdict: Exclude<ActionVerdict, { allowed: true }>, c: Case, action: OfficerAction, lateness: Lateness): ProblemException {
  switch (verdict.refusal) {
    case 'action-not-allowed':
      return ProblemException.conflict('action-not-allowed', `Cannot ${action.replace(/_/g, ' ')}: ${verdict.reason}.`, { currentState: c.state, currentStepKind: c.currentStepKind, lateness });
    case 'not-your-step':
      return new ProblemException(403, 'not-your-step', 'Forbidden', `This is done by ${verdict.roles.join(' or ')} of agency ${c.currentAgencyCode}, where the case is.`);
    case 'assigned-to-another':
      return new ProblemException(403, 'assigned-to-another', 'Forbidden', `The case is assigned to ${c.assigneeName ?? c.assignee}.`);
  }
}

/** The actions the caller may take on the case now (the buttons a front-end shows), in the machine's order. */
export function allowedActionsOf(caller: Caller, c: Case, lateness: Lateness): OfficerAction[] {
  return (OFFICER_ACTIONS as readonly OfficerAction[]).filter((action) => judgeAction(caller, c, lateness, action).allowed);
}
