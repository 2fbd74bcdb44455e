import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseState, CaseStep } from '@onestop/domain';

/** A case whose current step's due time is still to compute, with what computing it needs. */
export interface PendingStepClock {
  dossier_code: string;
  state: CaseState;
  step_index: number;
  steps: CaseStep[];
  paused_at: Date | null;
}

/**
 * Every statement on `step_clock_pending`: the cases whose step due time the lateness sweep
 * computes (opened while the calendar could not be read, or before step due times were kept).
 */
@Injectable()
export class StepClockPendingRepository {
  async add(code: string, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO step_clock_pending (dossier_code) VALUES ($1) ON CONFLICT DO NOTHING`, [code]);
  }

  /** Up to `limit` of them with their cases, held (skipping those an officer holds: the next sweep takes them). */
  async lockBatch(limit: number, manager: EntityManager): Promise<PendingStepClock[]> {
    return (await manager.query(
      `SELECT p.dossier_code, c.state, c.step_index, c.steps, c.paused_at
         FROM step_clock_pending p JOIN cases c ON c.dossier_code = p.dossier_code
        ORDER BY p.dossier_code
        LIMIT $1
          FOR UPDATE OF p, c SKIP LOCKED`,
      [limit],
    )) as PendingStepClock[];
  }

  async remove(codes: string[], manager: EntityManager): Promise<void> {
    if (codes.length > 0) await manager.query(`DELETE FROM step_clock_pending WHERE dossier_code = ANY($1)`, [codes]);
  }
}
