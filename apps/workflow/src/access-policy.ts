import { type Role } from '@onestop/domain';
import { accessPolicy, type Caller } from '@onestop/platform';

const STEP_OFFICERS = ['reception', 'specialist', 'leader'] as const satisfies readonly Role[];

/** Who may call workflow's operations: officers read and act on cases within their agencies; admins read all and keep the directory. */
export const WorkflowAccess = accessPolicy('workflow', {
  readCase: {
    roles: [...STEP_OFFICERS, 'admin'],
    operations: ['GET /api/v1/cases/{dossierCode}', 'GET /api/v1/cases/{dossierCode}/control-sheet', 'GET /api/v1/cases/{dossierCode}/results'],
    /** Officers of any agency the case passes through, and admins. */
    allows(caller: Caller, c: { receivingAgencyCode: string; competentAgencyCode: string; steps: ReadonlyArray<{ agencyCode: string }> }): boolean {
      if (caller.roles.includes('admin')) return true;
      if (!caller.roles.some((role) => (STEP_OFFICERS as readonly Role[]).includes(role))) return false;
      const agencies = new Set([c.receivingAgencyCode, c.competentAgencyCode, ...c.steps.map((s) => s.agencyCode)]);
      return caller.agencyCodes.some((a) => agencies.has(a));
    },
  },
  /** Acting is for the officers of a step, not admins or viewers. */
  actOnCase: {
    roles: STEP_OFFICERS,
    operations: ['POST /api/v1/cases/{dossierCode}/actions'],
    /** An officer of one of the step's roles, of the agency where the case is. */
    doesStep(caller: Caller, stepRoles: readonly Role[], agencyCode: string): boolean {
      return stepRoles.some((role) => caller.roles.includes(role)) && caller.agencyCodes.includes(agencyCode);
    },
    /** A leader acts on a case assigned to another officer. */
    overridesAssignment(caller: Caller): boolean {
      return caller.roles.includes('leader');
    },
  },
  /**
   * Electronic results: issuing one with an attached PDF is the case's `issue_result` (or
   * `handle_on_the_spot`), judged as that action; revoking one and issuing its replacement is for
   * the leaders and one-stop officers of the issuing (competent) agency or of the agency where the
   * case ended.
   */
  manageResults: {
    roles: ['reception', 'leader'],
    operations: ['POST /api/v1/cases/{dossierCode}/results', 'POST /api/v1/cases/{dossierCode}/results/{id}/revocation'],
    allows(caller: Caller, c: { competentAgencyCode: string; currentAgencyCode: string }): boolean {
      return caller.roles.some((role) => role === 'reception' || role === 'leader') && caller.agencyCodes.some((a) => a === c.competentAgencyCode || a === c.currentAgencyCode);
    },
  },
  /** Anyone verifies a result: by its code or by the file. */
  verifyResults: { entry: 'public', operations: ['GET /api/v1/results/verify', 'POST /api/v1/results/verify'] },
  readWorklist: { roles: STEP_OFFICERS, operations: ['GET /api/v1/worklist'] },
  /** The directory of officers cases are assigned to: officers read their agencies', admins any. */
  readOfficers: {
    roles: [...STEP_OFFICERS, 'admin'],
    operations: ['GET /api/v1/officers'],
    /** Whether the caller reads the officers of every agency. */
    readsEveryAgency(caller: Caller): boolean {
      return caller.roles.includes('admin');
    },
  },
  manageOfficers: { roles: ['admin'], operations: ['PUT /api/v1/officers/{subject}'] },
});
