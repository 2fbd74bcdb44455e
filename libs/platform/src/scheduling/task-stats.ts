/**
 * What a background job (PeriodicTask, DrainLoop) keeps of its rounds, for the metrics: when
 * the last one started, how long it took, how many ran and failed. PlatformMetrics finds every
 * job among the service's providers and reads these when Prometheus scrapes, so an app's job
 * needs no code of its own to be watched.
 */
export class TaskStats {
  runs = 0;
  failures = 0;
  /** Epoch milliseconds; undefined before the first round. */
  lastStartedAt?: number;
  lastDurationSeconds = 0;
  /** Told each round's duration and outcome (the duration histogram). */
  onRound?: (seconds: number, failed: boolean) => void;

  constructor(readonly task: string) {}

  /** Times one round of `work`, which may throw. */
  async time<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.lastStartedAt = Date.now();
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.runs += 1;
      if (failed) this.failures += 1;
      this.lastDurationSeconds = (performance.now() - started) / 1000;
      this.onRound?.(this.lastDurationSeconds, failed);
    }
  }
}
