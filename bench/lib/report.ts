import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';

export interface LoadFigures {
  name: string;
  requests: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/** Runs a bounded autocannon load against one URL on this machine and returns its figures. */
export async function load(name: string, url: string, options: { connections?: number; durationSeconds?: number; headers?: Record<string, string> } = {}): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 10,
    duration: options.durationSeconds ?? 5,
    headers: options.headers,
  });
  return {
    name,
    requests: result.requests.total,
    throughputPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

export function machine(): Record<string, unknown> {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Prints the figures as a table and writes them to bench/results/<scenario>.json. */
export async function record(scenario: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  const document = { scenario, ranAt: new Date().toISOString(), machine: machine(), ...figures };
  await writeFile(`bench/results/${scenario}.json`, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`\n${scenario}\n${JSON.stringify(figures, null, 2)}\n`);
}
