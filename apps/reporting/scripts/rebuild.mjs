#!/usr/bin/env node
// `npm run reporting:rebuild`: asks the running reporting service to rebuild its tables from the
// events of catalog, intake, workflow and postal (POST /api/v1/reports/rebuild, as the
// administrator), then follows the run until it ends. The system must be running (`npm start` or
// docker compose): the rebuild reads each service's events over HTTP.
//   API_URL      the public API (default http://localhost:$PORT/api/v1, PORT from .env or 3000)
//   ADMIN_TOKEN  the bootstrap administrator credential (npm start's default when unset)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const api = (process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}/api/v1`).replace(/\/$/, '');
const headers = { authorization: `Bearer ${process.env.ADMIN_TOKEN ?? 'local-admin-token-change-me'}`, accept: 'application/json' };
const say = (message) => process.stdout.write(`[reporting:rebuild] ${message}\n`);

async function call(method, path) {
  const response = await fetch(`${api}${path}`, { method, headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${body.code ?? ''} ${body.detail ?? ''}`.trim());
  return body;
}

try {
  const started = await call('POST', '/reports/rebuild');
  say(`started ${started.id} at ${started.startedAt}`);
  let last = '';
  for (;;) {
    await new Promise((done) => setTimeout(done, 1000));
    const run = await call('GET', '/reports/rebuild');
    const progress = Object.entries(run.events ?? {}).map(([source, n]) => `${source} ${n}`).join(', ');
    if (progress !== last) say(`events replayed: ${progress || 'none yet'}`);
    last = progress;
    if (run.status === 'succeeded') {
      say(`succeeded at ${run.finishedAt}`);
      process.exit(0);
    }
    if (run.status === 'failed') {
      say(`failed: ${run.error}`);
      process.exit(1);
    }
  }
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
