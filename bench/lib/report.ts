import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { postgresPids, pssKiB } from './proc.js';

export interface LoadFigures {
  name: string;
  requests: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean latency, to a tenth of a millisecond (autocannon's percentiles are whole milliseconds). */
  meanMs: number;
  non2xx: number;
  /** Connection errors and timeouts (requests that got no answer at all). */
  errors: number;
}

export interface LoadOptions {
  connections?: number;
  durationSeconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Replace `[<id>]` in headers and body by a fresh id on every request (e.g. an Idempotency-Key). */
  idReplacement?: boolean;
  /** Stop after this many requests instead of after `durationSeconds`. */
  amount?: number;
  /**
   * Request these paths in turn (the URL's own path is then ignored), shared by all
   * connections: with `amount` equal to their number, each is requested exactly once.
   */
  paths?: string[];
}

export interface LoadRun {
  figures: LoadFigures;
  /** When autocannon started and stopped sending. */
  startedAt: Date;
  finishedAt: Date;
  /** When the last answer arrived (an `amount` run is over then; `finishedAt` waits for autocannon's next 1 s tick). */
  lastResponseAt: Date | null;
  statusCodes: Record<string, number>;
  /** With `paths`: how many were requested, and how many requests had to reuse one. */
  pathsUsed?: number;
  pathsReused?: number;
}

interface WorkerResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  start: string;
  finish: string;
  lastResponseAt: string | null;
  pathsUsed?: number;
  pathsReused?: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

/**
 * Runs a bounded autocannon load against one URL from a separate process (so the generator
 * does not steal the event loop the services under test run on) and returns its figures.
 */
export async function loadRun(name: string, url: string, options: LoadOptions = {}): Promise<LoadRun> {
  const autocannonOptions = {
    url,
    method: options.method ?? 'GET',
    connections: options.connections ?? 10,
    duration: options.durationSeconds ?? 5,
    headers: options.headers,
    body: options.body,
    idReplacement: options.idReplacement ?? false,
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.paths ? { paths: options.paths } : {}),
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(autocannonOptions));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`load worker for ${name} exited with ${code}`))));
  });
  const result = JSON.parse(output) as WorkerResult;
  return {
    figures: {
      name,
      requests: result.requests.total,
      throughputPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      meanMs: Math.round(result.latency.average * 10) / 10,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    },
    startedAt: new Date(result.start),
    finishedAt: new Date(result.finish),
    lastResponseAt: result.lastResponseAt ? new Date(result.lastResponseAt) : null,
    ...(result.pathsUsed === undefined ? {} : { pathsUsed: result.pathsUsed, pathsReused: result.pathsReused }),
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
  };
}

/** Whether a server answer tells the client to close the connection (no keep-alive). */
export function closesConnection(response: Response): boolean {
  return (response.headers.get('connection') ?? '').toLowerCase().split(',').some((token) => token.trim() === 'close');
}

/** Runs a bounded load and returns its figures only. */
export async function load(name: string, url: string, options: LoadOptions = {}): Promise<LoadFigures> {
  return (await loadRun(name, url, options)).figures;
}

export interface MemoryWindow {
  /** Highest RSS of this process (every service of the scenario runs in it), MiB. */
  nodeRssMiB: number;
  /**
   * Highest PSS of the whole stack: this process plus every PostgreSQL process, MiB. PSS shares
   * each shared page among the processes that map it, so PostgreSQL's shared buffers count once.
   */
  stackPssMiB: number;
}

export interface MemorySampler {
  /** The peaks since the sampler started. */
  peak(): MemoryWindow;
  /** Starts a new window (peaks of what follows) and returns the previous window's peaks. */
  resetWindow(): MemoryWindow;
  stop(): MemoryWindow;
}

/**
 * Samples the memory of the whole stack every `intervalMs`: this process's RSS, and the PSS of
 * this process plus PostgreSQL's (Linux; elsewhere the PSS figures are 0). PostgreSQL's
 * processes are listed again every couple of seconds, as backends come and go.
 */
export function sampleMemory(intervalMs = 250): MemorySampler {
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  const empty = (): { rss: number; pss: number } => ({ rss: 0, pss: 0 });
  let total = empty();
  let window = empty();
  let pids: number[] = [];
  let listedAt = 0;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      if (Date.now() - listedAt > 2000) {
        pids = await postgresPids();
        listedAt = Date.now();
      }
      const rss = process.memoryUsage().rss;
      const pss = ((await pssKiB('self')) + (await Promise.all(pids.map(pssKiB))).reduce((sum, kib) => sum + kib, 0)) * 1024;
      for (const peaks of [total, window]) {
        peaks.rss = Math.max(peaks.rss, rss);
        peaks.pss = Math.max(peaks.pss, pss);
      }
    } finally {
      busy = false;
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  const view = (peaks: { rss: number; pss: number }): MemoryWindow => ({ nodeRssMiB: mib(peaks.rss), stackPssMiB: mib(peaks.pss) });
  return {
    peak: () => view(total),
    resetWindow: () => {
      const previous = window;
      window = empty();
      void sample();
      return view(previous);
    },
    stop: () => {
      clearInterval(timer);
      return view(total);
    },
  };
}

let loadBefore = loadavg()[0];

/** Notes the machine's load just before a scenario (other work on the machine skews the figures). */
export function scenarioStarting(): void {
  loadBefore = loadavg()[0];
}

export function machine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
  };
}

/** Prints the figures and writes them to bench/results/<scenario>.json. */
export async function record(scenario: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  const document = { scenario, ranAt: new Date().toISOString(), machine: machine(), ...figures };
  await writeFile(`bench/results/${scenario}.json`, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`\n${scenario}\n${JSON.stringify(figures, null, 2)}\n`);
}
