import { Injectable } from '@nestjs/common';
import { ProblemException, ServiceClient, type ServiceResponse } from '@onestop/platform';

/** Workflow's answer to an accepted withdrawal. */
export interface CaseWithdrawal {
  dossierCode: string;
  withdrawnAt: string;
  sequence: number;
}

interface ProblemBody {
  code?: string;
  title?: string;
  detail?: string;
  [extension: string]: unknown;
}

const CASE_OPENING_WAITS_MS = [100, 200, 400];

function isCaseOpening(response: ServiceResponse<unknown>): boolean {
  return response.status === 409 && (response.body as ProblemBody | undefined)?.code === 'case-opening';
}

/** Asks workflow, the owner of a case's state, what only it can decide. */
@Injectable()
export class WorkflowClient {
  constructor(private readonly client: ServiceClient) {}

  /**
   * Workflow withdraws the case or says why not. Its refusals (409 `dossier-not-withdrawable`,
   * 409 `case-opening` with Retry-After) are the applicant's answer, passed on as they came.
   * Repeating the call is harmless: a case withdrawn already answers the same withdrawal.
   */
  async withdraw(dossierCode: string, reason: string): Promise<CaseWithdrawal> {
    const ask = () =>
      this.client.request<CaseWithdrawal | ProblemBody>('workflow', {
        method: 'POST',
        path: `/internal/cases/${encodeURIComponent(dossierCode)}/withdrawal`,
        body: { reason },
        idempotent: true,
      });
    let response = await ask();
    // A dossier received a moment ago: its case opens within moments, so wait a little here
    // before telling the applicant to come back.
    for (let wait = 0; wait < CASE_OPENING_WAITS_MS.length && isCaseOpening(response); wait++) {
      await new Promise((resolve) => setTimeout(resolve, CASE_OPENING_WAITS_MS[wait]));
      response = await ask();
    }
    if (response.status === 200) return response.body as CaseWithdrawal;
    const problem = response.body as ProblemBody;
    if (response.status === 409 && typeof problem.code === 'string') {
      const { code, title, detail, type: _type, status: _status, instance: _instance, requestId: _requestId, ...extensions } = problem;
      const passed = ProblemException.conflict(code, detail ?? 'The dossier cannot be withdrawn now.', extensions);
      const retryAfter = Number(response.headers['retry-after']);
      throw Number.isInteger(retryAfter) && retryAfter > 0 ? passed.withRetryAfter(retryAfter) : passed;
    }
    throw ProblemException.serviceUnavailable('dependency-failed', 'Processing could not decide the withdrawal; try again shortly.');
  }
}
