import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { CaseLatenessMark, CaseOpening, CaseState, DossierReceivedV1, StepKind } from '@onestop/domain';
import { Case } from './case.entity.js';

/**
 * One batch of the step marks: up to $2 cases at a step whose step is past its due time at $1
 * and not yet marked, through the partial index cases_step_due_unmarked (migration 1732300580000).
 */
export const STEP_SWEEP_BATCH_STATEMENT = `WITH batch AS (
       SELECT dossier_code FROM cases
        WHERE state = 'in_step' AND NOT step_overdue AND step_due_at IS NOT NULL AND step_due_at < $1
        ORDER BY step_due_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE cases c SET step_overdue = true, updated_at = now()
         FROM batch WHERE c.dossier_code = batch.dossier_code
       RETURNING c.dossier_code, c.current_agency_code, c.current_step_kind, c.step_due_at)
     SELECT dossier_code, current_agency_code, current_step_kind, step_due_at AS due_at FROM marked`;

/**
 * One batch of the sweep: up to $3 open cases due before $2 whose mark is not yet what their
 * due date says ($1 is now), in due order, skipping cases an officer holds; exported for the
 * benchmark's EXPLAIN.
 */
export const LATENESS_SWEEP_BATCH_STATEMENT = `WITH batch AS (
       SELECT dossier_code FROM cases
        WHERE state = 'in_step' AND lateness <> 'overdue' AND due_at < $2
          AND lateness <> CASE WHEN due_at < $1 THEN 'overdue' ELSE 'at_risk' END
        ORDER BY due_at
        LIMIT $3
        FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE cases c SET lateness = CASE WHEN c.due_at < $1 THEN 'overdue' ELSE 'at_risk' END, updated_at = now()
         FROM batch WHERE c.dossier_code = batch.dossier_code
       RETURNING c.dossier_code, c.lateness, c.current_agency_code, c.current_step_kind, c.due_at)
     SELECT dossier_code, lateness, current_agency_code, current_step_kind, due_at FROM marked`;

interface MarkedCaseRow {
  dossier_code: string;
  current_agency_code: string;
  current_step_kind: string | null;
  due_at: Date;
}

/** A case a sweep batch marked, and the due time that was near or passed. */
export interface MarkedCase {
  dossierCode: string;
  mark: CaseLatenessMark;
  agencyCode: string;
  stepKind: string | null;
  dueAt: Date;
}

function markedCase(row: MarkedCaseRow): Omit<MarkedCase, 'mark'> {
  return { dossierCode: row.dossier_code, agencyCode: row.current_agency_code, stepKind: row.current_step_kind, dueAt: new Date(row.due_at) };
}

/**
 * Overdue first, then at risk, then on time; within each, the earliest due. The fourth column
 * of the index cases_worklist_order (migration 1732300560000) is this very expression: change
 * one, change the other, or the worklist is read by sorting every case of the unit again.
 */
const LATENESS_RANK = `CASE c.lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END`;
export const LATENESS_RANK_OF = { overdue: 0, at_risk: 1, on_time: 2 } as const;

/** What narrows a worklist page: each agency, step kind and state listed is one range of the worklist index. */
export interface WorklistFilter {
  agencies: string[];
  kinds: StepKind[];
  states: string[];
  /** A subject: that officer's cases; null: unassigned ones; absent: any. */
  assignee?: string | null;
  lateness?: Case['lateness'];
  stepOverdueOnly: boolean;
  after?: { rank: number; dueAt: string; code: string };
  /** Rows to read: one more than the page, to know whether another follows. */
  limit: number;
}

export interface WorklistRow {
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

/** A step due time the lateness sweep computed (the calendar is needed, so not in SQL). */
export interface ComputedStepDue {
  code: string;
  due: string;
  overdue: boolean;
}

/** Every statement on the processing cases (`cases`). */
@Injectable()
export class CasesRepository {
  constructor(@InjectRepository(Case) private readonly cases: Repository<Case>) {}

  find(code: string, manager: EntityManager = this.cases.manager): Promise<Case | null> {
    return manager.findOneBy(Case, { dossierCode: code });
  }

  /** The case, held until the caller's transaction ends, so actions on it are judged one after the other. */
  locked(code: string, manager: EntityManager): Promise<Case | null> {
    return manager.findOne(Case, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
  }

  async save(c: Case, manager: EntityManager): Promise<void> {
    await manager.save(c);
  }

  async stateOf(code: string, manager: EntityManager): Promise<CaseState | undefined> {
    const [row] = (await manager.query(`SELECT state FROM cases WHERE dossier_code = $1`, [code])) as { state: CaseState }[];
    return row?.state;
  }

  /** Opens the case of a dossier received; false when it is open already (the event came again). */
  async open(d: DossierReceivedV1, opening: CaseOpening, manager: EntityManager): Promise<boolean> {
    const { steps } = opening;
    const inserted = (await manager.query(
      `INSERT INTO cases (dossier_code, procedure_code, procedure_version_no, procedure_name, field_code, level_code, receiving_agency_code,
                          competent_agency_code, channel, result_delivery, received_at, counting_from, processing_minutes, due_at, appointment_at,
                          on_the_spot_eligible, fees_paid_online, state, steps, current_agency_code, current_step_kind, step_due_at, step_overdue, awaiting_acceptance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, 'in_step', $17, $18, $19, $20, $21, $22)
       ON CONFLICT (dossier_code) DO NOTHING RETURNING dossier_code`,
      [
        d.dossierCode, d.procedureCode, d.procedureVersionNo, d.procedureName, d.fieldCode, d.levelCode, d.receivingAgencyCode,
        d.competentAgencyCode, d.channel, d.resultDelivery, d.receivedAt, d.countingFrom, d.processingMinutes, d.appointmentAt,
        d.onTheSpot, d.feesPaidOnline, JSON.stringify(steps), steps[0].agencyCode, steps[0].kind,
        opening.firstStepDueAt, opening.firstStepOverdue, d.awaitingAcceptance === true,
      ],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** What the control sheet's header names of the case. */
  async header(code: string): Promise<{ procedure_name: string; receiving_agency_code: string; competent_agency_code: string } | undefined> {
    const [row] = (await this.cases.query(`SELECT procedure_name, receiving_agency_code, competent_agency_code FROM cases WHERE dossier_code = $1`, [code])) as Array<{
      procedure_name: string;
      receiving_agency_code: string;
      competent_agency_code: string;
    }>;
    return row;
  }

  /** Where a case is now and who holds it, for the notices of its officers. */
  async holder(code: string): Promise<{ current_agency_code: string; current_step_kind: StepKind; assignee: string | null } | undefined> {
    const [row] = (await this.cases.query(`SELECT current_agency_code, current_step_kind, assignee FROM cases WHERE dossier_code = $1`, [code])) as Array<{
      current_agency_code: string;
      current_step_kind: StepKind;
      assignee: string | null;
    }>;
    return row;
  }

  /** A worklist page in worklist order (rank, due date, code), from the cursor on. */
  async worklist(filter: WorklistFilter): Promise<WorklistRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const filters: string[] = [];
    if (filter.assignee) filters.push(`c.assignee = ${param(filter.assignee)}`);
    if (filter.assignee === null) filters.push('c.assignee IS NULL');
    if (filter.lateness) {
      // The same filter said twice: on the rank, it bounds the index range; on the column, it reads as meant.
      filters.push(`c.lateness = ${param(filter.lateness)}`, `${LATENESS_RANK} = ${param(LATENESS_RANK_OF[filter.lateness])}`);
    }
    // A literal, not a parameter: it is the predicate of the partial index cases_worklist_step_overdue
    // (migration 1732300580000), which keeps only these cases in worklist order, so the planner
    // reads the page from it instead of walking every case of the unit to find them.
    if (filter.stepOverdueOnly) filters.push('c.step_overdue');
    if (filter.after) {
      filters.push(`(${LATENESS_RANK}, c.due_at, c.dossier_code) > (${param(filter.after.rank)}, ${param(filter.after.dueAt)}::timestamptz, ${param(filter.after.code)})`);
    }
    const limit = param(filter.limit);

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
             ${filters.map((f) => `AND ${f}`).join(' ')}
       ORDER BY rank, c.due_at, c.dossier_code
       LIMIT ${limit})`;
    const [agencyParams, kindParams, stateParams] = [filter.agencies, filter.kinds, filter.states].map((values) => values.map(param));
    const branches = agencyParams.flatMap((agency) => kindParams.flatMap((kind) => stateParams.map((state) => branch(agency, kind, state))));
    if (branches.length === 0) return [];
    return (await this.cases.query(`SELECT * FROM (${branches.join(' UNION ALL ')}) w ORDER BY w.rank, w.due_at, w.dossier_code LIMIT ${limit}`, params)) as WorklistRow[];
  }

  /** One batch of lateness marks (LATENESS_SWEEP_BATCH_STATEMENT): the cases marked, each with its new mark. */
  async markLateness(now: Date, atRiskBefore: Date, batch: number, manager: EntityManager): Promise<MarkedCase[]> {
    const rows = (await manager.query(LATENESS_SWEEP_BATCH_STATEMENT, [now, atRiskBefore, batch])) as Array<MarkedCaseRow & { lateness: 'overdue' | 'at_risk' }>;
    return rows.map((row) => ({ ...markedCase(row), mark: row.lateness }));
  }

  /** One batch of step marks (STEP_SWEEP_BATCH_STATEMENT): the cases marked past their step's share. */
  async markStepsOverdue(now: Date, batch: number, manager: EntityManager): Promise<MarkedCase[]> {
    const rows = (await manager.query(STEP_SWEEP_BATCH_STATEMENT, [now, batch])) as MarkedCaseRow[];
    return rows.map((row) => ({ ...markedCase(row), mark: 'step_overdue' as const }));
  }

  /** Writes the current step's due time, on the case and on its step. */
  async setStepDueTimes(computed: ComputedStepDue[], manager: EntityManager): Promise<void> {
    if (computed.length === 0) return;
    await manager.query(
      `UPDATE cases c
          SET step_due_at = v.due, step_overdue = v.overdue, updated_at = now(),
              steps = jsonb_set(c.steps, ARRAY[c.step_index::text, 'dueAt'], to_jsonb(v.due_text))
         FROM unnest($1::text[], $2::timestamptz[], $3::boolean[], $4::text[]) AS v (code, due, overdue, due_text)
        WHERE c.dossier_code = v.code`,
      [computed.map((r) => r.code), computed.map((r) => r.due), computed.map((r) => r.overdue), computed.map((r) => r.due)],
    );
  }
}
