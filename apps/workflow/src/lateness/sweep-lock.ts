import type { QueryRunner } from 'typeorm';

const SWEEP_LOCK_KEY = 'onestop:workflow-lateness-sweep';

/** The session lock one replica holds while it sweeps (the others skip that round). */
export const sweepLock = {
  async tryTake(runner: QueryRunner): Promise<boolean> {
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [SWEEP_LOCK_KEY])) as Array<{ locked: boolean }>;
    return locked;
  },
  async release(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SWEEP_LOCK_KEY]);
  },
};
