import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, type Metric, Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../service-name.js';

/** Every metric of ours starts so, so they are told apart from other exporters' on a shared Prometheus. */
export const METRIC_PREFIX = 'onestop_';

/** Latency buckets of requests and rounds, in seconds: 5 ms to 30 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface MetricDefinition<L extends string> {
  /** Without the `onestop_` prefix, which is added: `dossiers_received_total`. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface GaugeDefinition<L extends string> extends MetricDefinition<L> {
  /** Sets the gauge's values when Prometheus scrapes (keep it cheap: no costly query per scrape). */
  collect?: (gauge: Gauge<L>) => void | Promise<void>;
}

let processRegistry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event-loop lag, GC), collected once per process:
 * each collector starts timers and observers for good, and the services a test runs in one
 * process (nine per stack, many stacks per run) must not each start their own.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The process metrics' samples with the service's label, as its own registry's carry it. */
function withServiceLabel(exposition: string, service: string): string {
  const label = `service="${service}"`;
  return exposition.replace(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{)?/gm, (_match, name: string, brace?: string) => (brace ? `${name}{${label},` : `${name}{${label}}`));
}

/** Key in `QueryRunner.data`, where a transaction keeps the counts it will add when it commits. */
const COUNTS_ON_COMMIT = 'metricsCountsOnCommit';

/**
 * The service's Prometheus metrics, in a registry of its own labelled with the service's name
 * (the services a test runs in one process do not mix), served at `/metrics` (metrics-endpoint.ts).
 * The platform's own (HTTP requests, outbox, inbox, database pool, periodic tasks) are registered
 * by PlatformMetrics; an app registers its business counters here, by `counter(...)`, and
 * counts what a transaction does with `countOnCommit`, so a rolled-back change counts nothing.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  constructor(@Inject(SERVICE_NAME) readonly service: string) {
    this.registry.setDefaultLabels({ service });
  }

  counter<L extends string = never>(definition: MetricDefinition<L>): Counter<L> {
    return this.existing<Counter<L>>(definition) ?? new Counter<L>({ ...this.configuration(definition), registers: [this.registry] });
  }

  gauge<L extends string = never>(definition: GaugeDefinition<L>): Gauge<L> {
    const collect = definition.collect;
    return (
      this.existing<Gauge<L>>(definition) ??
      new Gauge<L>({
        ...this.configuration(definition),
        registers: [this.registry],
        ...(collect ? { collect(this: Gauge<L>) { return collect(this); } } : {}),
      })
    );
  }

  histogram<L extends string = never>(definition: MetricDefinition<L> & { buckets?: number[] }): Histogram<L> {
    return (
      this.existing<Histogram<L>>(definition) ??
      new Histogram<L>({ ...this.configuration(definition), buckets: definition.buckets ?? LATENCY_BUCKETS, registers: [this.registry] })
    );
  }

  /**
   * Adds to `counter` once the transaction of `manager` commits (at once outside a transaction):
   * a dossier counted as received is one that was.
   */
  countOnCommit<L extends string>(manager: EntityManager, counter: Counter<L>, labels: Partial<Record<L, string | number>>, value = 1): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      counter.inc(labels, value);
      return;
    }
    const pending = (runner.data[COUNTS_ON_COMMIT] ??= []) as Array<() => void>;
    pending.push(() => counter.inc(labels, value));
  }

  /** The text Prometheus reads: the service's metrics, then the process's under their usual names. */
  async exposition(): Promise<string> {
    const [own, processText] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own.endsWith('\n') ? own : `${own}\n`}${withServiceLabel(processText, this.service)}`;
  }

  private configuration<L extends string>(definition: MetricDefinition<L>): { name: string; help: string; labelNames: readonly L[] } {
    return { name: `${METRIC_PREFIX}${definition.name}`, help: definition.help, labelNames: definition.labelNames ?? [] };
  }

  private existing<M extends Metric>(definition: MetricDefinition<string>): M | undefined {
    return this.registry.getSingleMetric(`${METRIC_PREFIX}${definition.name}`) as M | undefined;
  }
}

/** The counts a committed transaction added (`Metrics.countOnCommit`), taken off its query runner. */
export function takeCountsOnCommit(data: Record<string, unknown>): Array<() => void> {
  const pending = (data[COUNTS_ON_COMMIT] as Array<() => void> | undefined) ?? [];
  delete data[COUNTS_ON_COMMIT];
  return pending;
}
