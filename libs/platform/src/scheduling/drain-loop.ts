import type { Logger } from '@nestjs/common';
import { runWithRequestId } from '../request-context/request-context.js';
import { TaskStats } from './task-stats.js';

export interface DrainLoopOptions {
  /** The request id of its rounds. */
  name: string;
  /** Names a round in its failure messages ("delivery round", "order round"). */
  roundName: string;
  logger: Logger;
  /** A full batch means there is more: the next round comes after `soonMs` instead of a poll. */
  batchSize: number;
  /** Delay of a round asked for by `nudge()` or following a full batch. */
  soonMs: number;
  /** Delay between rounds while there is nothing left to do (read at each round). */
  pollMs: () => number;
  /** One round: claims due work and does it; returns how many items were claimed. */
  round: () => Promise<number>;
}

/**
 * The scheduling of an outbox-like worker: rounds run one at a time from `start()` until
 * `stop()`, back to back while they claim full batches or are nudged, otherwise every poll
 * interval; a failed round is logged, and `stop()` waits for the round under way so the
 * database is not closed beneath it.
 */
export class DrainLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = true;
  /** Its rounds, for the metrics (`onestop_task_*{task="<name>"}`). */
  readonly stats: TaskStats;

  constructor(private readonly options: DrainLoopOptions) {
    this.stats = new TaskStats(options.name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a round soon rather than at the next poll (called after a commit). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(this.options.soonMs);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), delayMs);
  }

  private async round(): Promise<void> {
    if (this.stopped || this.running) return;
    const { name, roundName, logger, batchSize, soonMs, pollMs, round } = this.options;
    let claimed = 0;
    this.running = runWithRequestId(name, async () => {
      try {
        claimed = await this.stats.time(round);
      } catch (error) {
        logger.error(`${roundName} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.rerun || claimed === batchSize;
    this.rerun = false;
    this.schedule(again ? soonMs : pollMs());
  }
}

/** Exponential back-off with jitter for a retry after `attempts` attempts, capped by `maxMs`. */
export function jitteredBackoff(attempts: number, maxMs: number): number {
  const exponential = Math.min(maxMs, 250 * 2 ** Math.min(attempts, 20));
  return Math.round(exponential * (0.5 + Math.random() / 2));
}
