import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DrainLoop, jitteredBackoff } from './drain-loop.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loopOf(claims: number[], { soonMs = 5, fail = false } = {}) {
  const rounds: number[] = [];
  const errors: string[] = [];
  const logger = new Logger('test');
  logger.error = (message: unknown) => void errors.push(String(message));
  const loop = new DrainLoop({
    name: 'test-loop',
    roundName: 'test round',
    logger,
    batchSize: 3,
    soonMs,
    pollMs: () => 60_000,
    round: async () => {
      rounds.push(rounds.length);
      if (fail) throw new Error('down');
      return claims.shift() ?? 0;
    },
  });
  return { loop, rounds, errors };
}

describe('DrainLoop', () => {
  it('runs a round at start, then again at once while rounds claim full batches, then waits for the poll', async () => {
    const { loop, rounds } = loopOf([3, 3, 1]);
    loop.start();
    await sleep(100);
    expect(rounds).toHaveLength(3);
    await loop.stop();
  });

  it('runs a round soon when nudged, and none once stopped', async () => {
    const { loop, rounds } = loopOf([0]);
    loop.start();
    await sleep(30);
    expect(rounds).toHaveLength(1);
    loop.nudge();
    await sleep(30);
    expect(rounds).toHaveLength(2);
    await loop.stop();
    loop.nudge();
    await sleep(30);
    expect(rounds).toHaveLength(2);
  });

  it('logs a failed round and goes on', async () => {
    const { loop, errors } = loopOf([], { fail: true });
    loop.start();
    await sleep(30);
    await loop.stop();
    expect(errors).toEqual(['test round failed: down']);
  });

  it('backs off exponentially with jitter, up to the cap', () => {
    for (let attempts = 0; attempts < 30; attempts++) {
      const delay = jitteredBackoff(attempts, 10_000);
      const full = Math.min(10_000, 250 * 2 ** Math.min(attempts, 20));
      expect(delay).toBeGreaterThanOrEqual(Math.round(full / 2));
      expect(delay).toBeLessThanOrEqual(full);
    }
  });
});
