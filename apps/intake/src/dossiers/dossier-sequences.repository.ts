import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Every statement on the agencies' daily dossier numbers (`dossier_sequences`). */
@Injectable()
export class DossierSequencesRepository {
  /** The agency's next number of the day; the row stays locked until the transaction ends, so no two dossiers get it. */
  async next(agencyCode: string, day: string, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1
       RETURNING last_value`,
      [agencyCode, day],
    )) as Array<{ last_value: number }>;
    return row.last_value;
  }
}
