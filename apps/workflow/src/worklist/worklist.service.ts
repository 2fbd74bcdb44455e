import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { formatLocal, STEP_KINDS, type StepKind, stepOverdue } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import type { WorklistQuery } from '../cases/case.dto.js';
import { Case } from '../cases/case.entity.js';
import type { WorklistItem } from '../cases/case.views.js';

/**
 * Overdue first, then at risk, then on time; within each, the earliest due. The fourth column
 * of the index cases_worklist_order (migration 1732300560000) is this very expression: change
 * one, change the other, or the worklist is read by sorting every case of the unit again.
 */
const LATENESS_RANK = `CASE c.lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END`;
const RANK_OF = { overdue: 0, at_risk: 1, on_time: 2 } as const;

/** The kinds of step each role works on, when the worklist is not narrowed. */
function defaultStepKinds(caller: Caller): StepKind[] {
  if (caller.roles.includes('leader') || caller.roles.includes('admin')) return [...STEP_KINDS];
  const kinds = new Set<StepKind>();
  if (caller.roles.includes('reception')) ['receive', 'return'].forEach((k) => kinds.add(k as StepKind));
  if (caller.roles.includes('specialist')) kinds.add('appraise');
  return [...kinds];
}

interface WorklistRow {
  dossier_code: string;
  procedure_name: string;
  state: Case['state'];
  current_step_kind: StepKind;
  current_agency_code: string;
  assignee: string | null;
  due_at: Date;
  lateness: Case['lateness'];
  step_due_at: Date | null;
  paused_at: Date | null;
  rank: number;
}

/** What waits for an officer's unit (or for them): the cases at its steps, overdue first. */
@Injectable()
export class WorklistService {
  constructor(
    @InjectRepository(Case) private readonly cases: Repository<Case>,
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

    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const filters: string[] = [];
    if (query.assigned === 'me') filters.push(`c.assignee = ${param(caller.subject)}`);
    if (query.assigned === 'unassigned') filters.push('c.assignee IS NULL');
    if (query.lateness) {
      // The same filter said twice: on the rank, it bounds the index range; on the column, it reads as meant.
      filters.push(`c.lateness = ${param(query.lateness)}`, `${LATENESS_RANK} = ${param(RANK_OF[query.lateness])}`);
    }
    // A literal, not a parameter: it is the predicate of the partial index cases_worklist_step_overdue
    // (migration 1732300580000), which keeps only these cases in worklist order, so the planner
    // reads the page from it instead of walking every case of the unit to find them.
    if (query.stepOverdue === 'true') filters.push('c.step_overdue');
    if (after) {
      filters.push(`(${LATENESS_RANK}, c.due_at, c.dossier_code) > (${param(after.rank)}, ${param(after.dueAt)}::timestamptz, ${param(after.code)})`);
    }
    const limit = param(query.limit + 1);

    // Why a UNION ALL: the index cases_worklist_order keeps the cases of one agency, step kind
    // and state in worklist order (rank, due date, code). A single query with `= ANY(...)` on
    // those columns spans several such ranges, so PostgreSQL read every matching case and
    // sorted them all (~100 ms with 50,000 cases at one department's step). Each branch is one
    // index range, read in order from the cursor on and stopped after a page; the outer ORDER BY
    // merges the branches (a Merge Append) and keeps the first page of the merge.
    const branch = (agency: string, kind: string, state: string) => `(
      SELECT c.dossier_code, c.procedure_name, c.state, c.current_step_kind, c.current_agency_code, c.assignee, c.due_at, c.lateness,
             c.step_due_at, c.paused_at, ${LATENESS_RANK} AS rank
        FROM cases c
       WHERE c.current_agency_code = ${agency} AND c.current_step_kind = ${kind} AND c.state = ${state}
             ${filters.map((filter) => `AND ${filter}`).join(' ')}
       ORDER BY rank, c.due_at, c.dossier_code
       LIMIT ${limit})`;
    const [agencyParams, kindParams, stateParams] = [agencies, kinds, states].map((values) => values.map(param));
    const branches = agencyParams.flatMap((agency) => kindParams.flatMap((kind) => stateParams.map((state) => branch(agency, kind, state))));
    if (branches.length === 0) return { items: [], nextCursor: null };
    const rows = (await this.cases.query(
      `SELECT * FROM (${branches.join(' UNION ALL ')}) w ORDER BY w.rank, w.due_at, w.dossier_code LIMIT ${limit}`,
      params,
    )) as WorklistRow[];

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
