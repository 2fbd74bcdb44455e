import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DossierOutcome, StatusChange } from '@onestop/domain';
import type { AppliedContributions } from './contributions.js';

/** A dossier_facts row as PostgreSQL returns it. */
export interface DossierFactRow {
  dossier_code: string;
  received_at: Date | null;
  channel: string | null;
  receiving_agency_code: string | null;
  competent_agency_code: string | null;
  field_code: string | null;
  level_code: string | null;
  procedure_code: string | null;
  procedure_version_no: number | null;
  on_the_spot: boolean | null;
  fees_paid_online: boolean | null;
  result_delivery: string | null;
  initial_due_at: Date | null;
  statuses: StatusChange[];
  withdrawn_at: Date | null;
  result_ready_at: Date | null;
  result_delivery_method: string | null;
  result_kind: string | null;
  rating_score: number | null;
  rated_at: Date | null;
  sent_by_post_at: Date | null;
  delivered_by_post_at: Date | null;
  returned_to_agency_by_post_at: Date | null;
  applied: AppliedContributions;
}

/**
 * Every statement on the facts per dossier (`dossier_facts`). Each runs in the transaction of the
 * event being applied, whose manager the caller passes.
 */
@Injectable()
export class DossierFactsRepository {
  /** The fact, locked for a change (made empty if the dossier has none yet). */
  async lockForUpdate(code: string, manager: EntityManager): Promise<DossierFactRow> {
    await this.createEmpty(code, manager);
    const [fact] = (await manager.query(`SELECT * FROM dossier_facts WHERE dossier_code = $1 FOR UPDATE`, [code])) as DossierFactRow[];
    return fact;
  }

  /** The fact, locked against changes while the caller reads it (made empty if the dossier has none yet). */
  async lockForShare(code: string, manager: EntityManager): Promise<DossierFactRow> {
    await this.createEmpty(code, manager);
    const [fact] = (await manager.query(`SELECT * FROM dossier_facts WHERE dossier_code = $1 FOR SHARE`, [code])) as DossierFactRow[];
    return fact;
  }

  /** Writes the fact back with the outcome the rules computed from it. */
  async save(fact: DossierFactRow, outcome: DossierOutcome, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE dossier_facts SET
         received_at = $2, channel = $3, receiving_agency_code = $4, competent_agency_code = $5, field_code = $6, level_code = $7,
         procedure_code = $8, procedure_version_no = $9, on_the_spot = $10, fees_paid_online = $11, result_delivery = $12,
         initial_due_at = $13, statuses = $14, withdrawn_at = $15, result_ready_at = $16, result_delivery_method = $17, result_kind = $18,
         rating_score = $19, rated_at = $20, delivered_by_post_at = $21, state = $22, closed_at = $23, finish_class = $24, due_at = $25, applied = $26,
         sent_by_post_at = $27, returned_to_agency_by_post_at = $28
       WHERE dossier_code = $1`,
      [
        fact.dossier_code, fact.received_at, fact.channel, fact.receiving_agency_code, fact.competent_agency_code, fact.field_code, fact.level_code,
        fact.procedure_code, fact.procedure_version_no, fact.on_the_spot, fact.fees_paid_online, fact.result_delivery,
        fact.initial_due_at, JSON.stringify(fact.statuses), fact.withdrawn_at, fact.result_ready_at, fact.result_delivery_method, fact.result_kind,
        fact.rating_score, fact.rated_at, fact.delivered_by_post_at, outcome.state, outcome.closedAt, outcome.finishClass, outcome.dueAt,
        JSON.stringify(fact.applied), fact.sent_by_post_at, fact.returned_to_agency_by_post_at,
      ],
    );
  }

  private async createEmpty(code: string, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO dossier_facts (dossier_code) VALUES ($1) ON CONFLICT (dossier_code) DO NOTHING`, [code]);
  }
}
