import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@onestop/platform/testing';
import { descendants, type ProcessReading, readProcess } from './lib/proc.js';
import { waitForReady } from './lib/process-stack.js';
import { record } from './lib/report.js';

/** How long the stack rests after it says it is ready, then how long its memory is sampled. */
const SETTLE_SECONDS = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 20);
const SAMPLE_SECONDS = 10;
/** The target for the whole stack at rest. */
const TARGET_MIB = 1536;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole system as `npm start` runs it (six Node processes, one per service, and an embedded
 * PostgreSQL, with the demo province loaded), at rest: the resident memory of every process.
 */
export async function runIdleMemory(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onestop-bench-idle-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      PG_PORT: String(await freePort()),
      PG_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      // A key of its own, so the run leaves nothing in the repository's .data/.
      AUTH_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const started = Date.now();
    await waitForReady(child);
    const readySeconds = (Date.now() - started) / 1000;
    await sleep(SETTLE_SECONDS * 1000);
    const samples: ProcessReading[][] = [];
    for (let i = 0; i < SAMPLE_SECONDS * 2; i++) {
      const pids = await descendants(child.pid!);
      samples.push((await Promise.all([child.pid!, ...pids].map(readProcess))).filter((m): m is ProcessReading => m !== undefined));
      await sleep(500);
    }
    const mib = (kib: number) => Math.round(kib / 1024);
    const totals = samples.map((sample) => ({ rss: sample.reduce((sum, m) => sum + m.rssKiB, 0), pss: sample.reduce((sum, m) => sum + m.pssKiB, 0) }));
    const last = samples[samples.length - 1];
    const parts = [...new Set(last.map((m) => m.part))].map((part) => {
      const of = last.filter((m) => m.part === part);
      return { part, processes: of.length, rssMiB: mib(of.reduce((s, m) => s + m.rssKiB, 0)), pssMiB: mib(of.reduce((s, m) => s + m.pssKiB, 0)) };
    });
    const peakPssMiB = mib(Math.max(...totals.map((t) => t.pss)));
    await record('idle-memory', {
      settings: { settleSeconds: SETTLE_SECONDS, sampleSeconds: SAMPLE_SECONDS, demoData: true, database: 'embedded (npm start)' },
      readySeconds: Math.round(readySeconds * 10) / 10,
      parts,
      total: {
        processes: last.length,
        rssMiB: mib(Math.max(...totals.map((t) => t.rss))),
        pssMiB: peakPssMiB,
      },
      targetMiB: TARGET_MIB,
      meetsTarget: peakPssMiB < TARGET_MIB,
    });
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    await rm(dataDir, { recursive: true, force: true });
  }
}
