import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import type { Role, ServiceName } from '@onestop/domain';
import { signAccessToken } from '../../apps/gateway/src/auth/access-token-issuer.js';
import { parseSigningKey } from '../../apps/gateway/src/auth/signing-key.js';
import { descendants, postgresPids, type ProcessReading, readProcess } from './proc.js';

/** In the order scripts/start.mjs gives them ports: the gateway's, then one more each. */
const SERVICES: ServiceName[] = ['gateway', 'catalog', 'intake', 'workflow', 'postal', 'reporting', 'portal', 'payment', 'notification'];
const READY_TIMEOUT_MS = 240_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the `npm start` launcher `child` (stdout piped) prints that the system is ready. */
export function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('npm start did not say ready in time')), READY_TIMEOUT_MS);
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('[start] ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** `count` consecutive free ports on 127.0.0.1 (npm start puts the services on the gateway's port + 1 … + 8). */
async function freePortBlock(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

export interface ProcessStack {
  gatewayUrl: string;
  /** `Authorization` header value of the bootstrap administrator. */
  adminAuth: string;
  urlOf(service: ServiceName): string;
  /** A bearer token for a person, signed as the gateway signs demo users' tokens. */
  tokenFor(claims: { subject: string; roles: Role[]; agencyCodes?: string[]; name?: string }): Promise<string>;
  /** The launcher, the service processes, and (with `postgres`) PostgreSQL's. */
  processes(options?: { postgres?: boolean }): Promise<ProcessReading[]>;
  close(): Promise<void>;
}

/**
 * The system as `npm start` runs it: `scripts/start.mjs` with the compiled services in `dist/`,
 * one Node process per service, on the database `databaseUrl` names (npm start's embedded server
 * is left out: the scenario brings its own). Resolves once the launcher says it is ready.
 */
export async function startProcessStack(databaseUrl: string, settings: Record<string, string> = {}): Promise<ProcessStack> {
  const port = await freePortBlock(SERVICES.length);
  const signingKey = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
  const adminToken = `bench-admin-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DEMO_DATA: 'false',
      AUTH_SIGNING_KEY: signingKey,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'error',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForReady(child);
  const key = parseSigningKey(signingKey);
  return {
    gatewayUrl: `http://127.0.0.1:${port}`,
    adminAuth: `Bearer ${adminToken}`,
    urlOf: (service) => `http://127.0.0.1:${port + SERVICES.indexOf(service)}`,
    tokenFor: async (claims) => {
      const issuedAt = new Date();
      const token = await signAccessToken(
        key,
        { subject: claims.subject, roles: claims.roles, agencyCodes: claims.agencyCodes ?? [], ...(claims.name ? { name: claims.name } : {}) },
        // npm start's defaults: the gateway signs as GATEWAY_TOKEN_ISSUER for the audience AUTH_AUDIENCE.
        { issuer: settings.GATEWAY_TOKEN_ISSUER ?? 'onestop-gateway', audience: settings.AUTH_AUDIENCE ?? 'onestop', issuedAt, expiresAt: new Date(issuedAt.getTime() + 3600_000) },
      );
      return `Bearer ${token}`;
    },
    processes: async ({ postgres = false } = {}) => {
      const pids = [child.pid!, ...(await descendants(child.pid!)), ...(postgres ? await postgresPids() : [])];
      return (await Promise.all([...new Set(pids)].map(readProcess))).filter((p): p is ProcessReading => p !== undefined);
    },
    close: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
    },
  };
}
