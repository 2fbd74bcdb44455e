import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An applicant's answer to a supplement request, as received. */
export interface SupplementRecord {
  id: string;
  dossierCode: string;
  receivedAt: Date;
  /** The items supplied, kept as JSON. */
  documents: unknown;
  note: string | null;
  submittedBy: string;
}

/** Every statement on the answers to supplement requests (`supplements`). */
@Injectable()
export class SupplementsRepository {
  async insert(supplement: SupplementRecord, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO supplements (id, dossier_code, received_at, documents, note, submitted_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      supplement.id,
      supplement.dossierCode,
      supplement.receivedAt,
      JSON.stringify(supplement.documents),
      supplement.note,
      supplement.submittedBy,
    ]);
  }
}
