import type { Logger } from '@nestjs/common';
import { runWithRequestId } from '../request-context/request-context.js';
import { TaskStats } from './task-stats.js';

/**
 * A background job run every so often inside a service (sweeps, polling, promotions): a round
 * starts only when the previous one has finished, runs under a request id of its own so its log
 * lines group together, logs a failure instead of crashing the process, and `stop()` waits for
 * the round under way so the database is not closed beneath it.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Its rounds, for the metrics (`onestop_task_*{task="<name>"}`). */
  readonly stats: TaskStats;

  /** `name` is the request id of its rounds and names the job in its failure messages. */
  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly round: () => Promise<unknown>,
  ) {
    this.stats = new TaskStats(name);
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Runs a round every `intervalMs` (and one at once when `runNow`); a second start does nothing. */
  start(intervalMs: number, { runNow = false }: { runNow?: boolean } = {}): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    if (runNow) this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = runWithRequestId(this.name, () => this.stats.time(this.round))
      .catch((error: unknown) => this.logger.error(`${this.name} round failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.running = undefined));
  }
}
