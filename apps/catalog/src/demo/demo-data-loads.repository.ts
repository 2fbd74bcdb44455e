import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const DEMO_LOCK_KEY = 'onestop:catalog-demo-data';

/** Whether a demo load completed (null: none was recorded), and whether the catalog has agencies. */
export interface DemoLoadState {
  completed: boolean | null;
  agencies: boolean;
}

/**
 * Every statement on the record of the demo load (`demo_data_loads`), and the session lock
 * replicas starting together take around it. The lock belongs to a connection, so every method
 * takes the manager of the caller's query runner.
 */
@Injectable()
export class DemoDataLoadsRepository {
  async lock(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_lock(hashtext($1))', [DEMO_LOCK_KEY]);
  }

  async unlock(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_unlock(hashtext($1))', [DEMO_LOCK_KEY]);
  }

  async state(manager: EntityManager): Promise<DemoLoadState> {
    const [state] = (await manager.query(
      `SELECT (SELECT completed_at IS NOT NULL FROM demo_data_loads) AS completed, EXISTS (SELECT 1 FROM agencies) AS agencies`,
    )) as DemoLoadState[];
    return state;
  }

  async start(manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO demo_data_loads (id) VALUES (1)`);
  }

  async complete(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE demo_data_loads SET completed_at = now()`);
  }
}
