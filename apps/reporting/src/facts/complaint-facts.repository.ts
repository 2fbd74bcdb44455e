import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ComplaintFactRow {
  complaint_id: string;
  agency_code: string | null;
  dossier_code: string | null;
  filed_at: Date | null;
  answered_at: Date | null;
  field_code: string;
  level_code: string;
  procedure_code: string;
  applied: Array<[string, 'filed' | 'answered', number]>;
}

/** Every statement on the facts per complaint (`complaint_facts`), in the caller's transaction. */
@Injectable()
export class ComplaintFactsRepository {
  /** The complaints about a dossier, locked for a change. */
  async aboutDossierForUpdate(dossierCode: string, manager: EntityManager): Promise<ComplaintFactRow[]> {
    return (await manager.query(`SELECT * FROM complaint_facts WHERE dossier_code = $1 ORDER BY complaint_id FOR UPDATE`, [dossierCode])) as ComplaintFactRow[];
  }

  /** The fact, locked for a change (made empty if the complaint has none yet). */
  async lockForUpdate(id: string, manager: EntityManager): Promise<ComplaintFactRow> {
    await manager.query(`INSERT INTO complaint_facts (complaint_id) VALUES ($1) ON CONFLICT (complaint_id) DO NOTHING`, [id]);
    const [row] = (await manager.query(`SELECT * FROM complaint_facts WHERE complaint_id = $1 FOR UPDATE`, [id])) as ComplaintFactRow[];
    return row;
  }

  async save(row: ComplaintFactRow, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE complaint_facts SET agency_code = $2, dossier_code = $3, filed_at = $4, answered_at = $5, field_code = $6, level_code = $7, procedure_code = $8, applied = $9
        WHERE complaint_id = $1`,
      [row.complaint_id, row.agency_code, row.dossier_code, row.filed_at, row.answered_at, row.field_code, row.level_code, row.procedure_code, JSON.stringify(row.applied)],
    );
  }
}
