import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { formatLocal, STEP_KINDS, type StepKind } from '@onestop/domain';
import { type Caller, decodeCursor, type Page, ProblemException, toPage } from '@onestop/platform';
import type { WorklistQuery } from '../cases/case.dto.js';
import { Case } from '../cases/case.entity.js';
import type { WorklistItem } from '../cases/case.views.js';

/** Overdue first, then at risk, then on time; within each, the earliest due. */
const LATENESS_RANK = `CASE c.lateness WHEN 'overdue' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END`;

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
  constructor(@InjectRepository(Case) private readonly cases: Repository<Case>) {}

  async worklist(caller: Caller, query: WorklistQuery): Promise<Page<WorklistItem>> {
    if (query.agencyCode && !caller.agencyCodes.includes(query.agencyCode)) {
      throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
    }
    const agencies = query.agencyCode ? [query.agencyCode] : caller.agencyCodes;
    const builder = this.cases
      .createQueryBuilder('c')
      .addSelect(LATENESS_RANK, 'rank')
      .where('c.current_agency_code = ANY(:agencies)', { agencies })
      .andWhere('c.current_step_kind = ANY(:kinds)', { kinds: query.stepKind ? [query.stepKind] : defaultStepKinds(caller) })
      .andWhere('c.state = ANY(:states)', { states: query.state ? [query.state] : ['in_step', 'result_ready'] })
      .orderBy(LATENESS_RANK, 'ASC')
      .addOrderBy('c.due_at', 'ASC')
      .addOrderBy('c.dossier_code', 'ASC')
      .limit(query.limit + 1);
    if (query.assigned === 'me') builder.andWhere('c.assignee = :me', { me: caller.subject });
    if (query.assigned === 'unassigned') builder.andWhere('c.assignee IS NULL');
    if (query.lateness) builder.andWhere('c.lateness = :lateness', { lateness: query.lateness });
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { rank: 'number', dueAt: 'string', code: 'string' });
      builder.andWhere(`(${LATENESS_RANK}, c.due_at, c.dossier_code) > (:afterRank, :afterDue::timestamptz, :afterCode)`, {
        afterRank: after.rank,
        afterDue: after.dueAt,
        afterCode: after.code,
      });
    }
    const rows = await builder.getMany();
    const rank = (c: Case) => (c.lateness === 'overdue' ? 0 : c.lateness === 'at_risk' ? 1 : 2);
    const page = toPage(rows, query.limit, (last) => ({ rank: rank(last), dueAt: last.dueAt.toISOString(), code: last.dossierCode }));
    return {
      items: page.items.map((c) => ({
        dossierCode: c.dossierCode,
        procedureName: c.procedureName,
        state: c.state,
        stepKind: c.currentStepKind,
        agencyCode: c.currentAgencyCode,
        assignee: c.assignee,
        dueAt: formatLocal(c.dueAt),
        lateness: c.lateness,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
