import { Injectable } from '@nestjs/common';
import { formatLocal, STEP_KINDS, type StepKind, stepOverdue } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import type { WorklistQuery } from '../cases/case.dto.js';
import { CasesRepository } from '../cases/cases.repository.js';
import type { WorklistItem } from '../cases/case.views.js';

/** The kinds of step each role works on, when the worklist is not narrowed. */
function defaultStepKinds(caller: Caller): StepKind[] {
  if (caller.roles.includes('leader') || caller.roles.includes('admin')) return [...STEP_KINDS];
  const kinds = new Set<StepKind>();
  if (caller.roles.includes('reception')) ['receive', 'return'].forEach((k) => kinds.add(k as StepKind));
  if (caller.roles.includes('specialist')) kinds.add('appraise');
  return [...kinds];
}

/** What waits for an officer's unit (or for them): the cases at its steps, overdue first. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly clock: Clock,
  ) {}

  async worklist(caller: Caller, query: WorklistQuery): Promise<Page<WorklistItem>> {
    if (query.agencyCode && !caller.agencyCodes.includes(query.agencyCode)) {
      throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
    }
    const after = query.cursor ? decodeCursor(query.cursor, { rank: 'integer', dueAt: 'instant', code: 'string' }) : undefined;
    // Distinct values: each combination below is one branch, and a repeated one would repeat its cases.
    const agencies = [...new Set(query.agencyCode ? [query.agencyCode] : caller.agencyCodes)];
    const kinds = [...new Set(query.stepKind ? [query.stepKind] : defaultStepKinds(caller))];
    const states = query.state ? [query.state] : ['in_step', 'result_ready'];

    const rows = await this.cases.worklist({
      agencies,
      kinds,
      states,
      ...(query.assigned === 'me' ? { assignee: caller.subject } : query.assigned === 'unassigned' ? { assignee: null } : {}),
      lateness: query.lateness,
      stepOverdueOnly: query.stepOverdue === 'true',
      after,
      limit: query.limit + 1,
    });

    const now = this.clock.now();
    const page = toPage(rows, query.limit, (last) => ({ rank: last.rank, dueAt: last.due_at.toISOString(), code: last.dossier_code }));
    return {
      items: page.items.map((c) => ({
        dossierCode: c.dossier_code,
        procedureName: c.procedure_name,
        state: c.state,
        stepKind: c.current_step_kind,
        agencyCode: c.current_agency_code,
        assignee: c.assignee,
        dueAt: formatLocal(c.due_at),
        lateness: c.lateness,
        stepDueAt: c.step_due_at ? formatLocal(c.step_due_at) : null,
        // Judged at the request, as the case view does; the filter goes by the sweep's mark.
        stepOverdue: c.state === 'result_ready' ? false : stepOverdue(c.step_due_at, c.paused_at, now),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
