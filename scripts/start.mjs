#!/usr/bin/env node
// `npm start`: the whole system on this machine. With no DATABASE_URL, an embedded PostgreSQL
// keeps its data in .data/postgres (so a restart keeps it); then the services start, each
// applying its migrations, and one line says where the API and its docs are. The gateway signs
// demo users' tokens with a key kept in .data/ too. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const BACKEND = ['catalog', 'intake', 'workflow', 'postal', 'reporting', 'portal', 'payment', 'notification'];
const gatewayPort = Number(process.env.PORT ?? 3000);
const ports = Object.fromEntries([['gateway', gatewayPort], ...BACKEND.map((service, i) => [service, gatewayPort + 1 + i])]);
const say = (message) => process.stdout.write(`[start] ${message}\n`);

let postgres;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = resolve(root, process.env.PG_DATA_DIR ?? '.data/postgres');
  const port = Number(process.env.PG_PORT ?? 54329);
  say(`embedded PostgreSQL on port ${port}, data in ${dataDir}`);
  postgres = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await postgres.createDatabase('onestop');
  databaseUrl = postgres.urlFor('onestop');
}

/**
 * The key the gateway signs people's tokens with (ES256, a private JWK). Made once and kept in
 * .data/, readable by this user only, so tokens issued before a restart stay valid after it.
 */
function localSigningKey() {
  const file = join(root, '.data', 'auth-signing-key.json');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  say(`made a token signing key in ${file}`);
  return key;
}

/**
 * The keys electronic results are signed with (workflow's SIGNER=local). On the first start a
 * local test CA and a PKCS#12 per demo agency are made under .data/signing/, the password in a
 * file beside them, readable by this user only; never in the repository and never logged. For
 * trying the feature only: a province sets SIGNER and SIGNING_* to its real keys or signing service.
 */
async function localSigning() {
  const dir = join(root, '.data', 'signing');
  const agenciesDir = join(dir, 'agencies');
  const passwordFile = join(dir, 'p12-password');
  const caFile = join(dir, 'ca.pem');
  if (!existsSync(caFile)) {
    const { createTestAuthority, createAgencyPkcs12 } = await import(pathToFileURL(join(root, 'dist/libs/platform/src/signing/test-ca.js')).href);
    const { demoCatalog } = await import(pathToFileURL(join(root, 'dist/apps/catalog/src/demo/demo-catalog.js')).href);
    mkdirSync(agenciesDir, { recursive: true, mode: 0o700 });
    const authority = createTestAuthority();
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    const { agencies } = demoCatalog();
    for (const agency of agencies) {
      writeFileSync(join(agenciesDir, `${agency.code}.p12`), createAgencyPkcs12(authority, { agencyCode: agency.code, agencyName: agency.name }, password), { mode: 0o600 });
    }
    // Written last: its presence says the rest is complete.
    writeFileSync(caFile, authority.certificatePem);
    say(`made a local test CA and signing certificates for ${agencies.length} demo agencies in ${dir} (electronic results are signed with them; for trying only, never for real documents)`);
  }
  return { SIGNING_P12_DIR: agenciesDir, SIGNING_P12_PASSWORD_FILE: passwordFile, SIGNING_TRUSTED_CA_FILE: caFile };
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  // All services start together here, so a fresh shared secret per run is enough.
  SERVICE_TOKEN: process.env.SERVICE_TOKEN ?? randomBytes(24).toString('hex'),
  // The bootstrap administrator credential, alongside the demo users' tokens.
  ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? 'local-admin-token-change-me',
  // What a local Prometheus (or curl) presents on each service's /metrics.
  METRICS_TOKEN: process.env.METRICS_TOKEN ?? 'local-metrics-token-change-me',
  // The gateway is the identity provider here: it signs tokens, every service verifies them
  // with the public key it publishes. Its own tokens (API keys, demo users) stay checked
  // against it when AUTH_JWKS_URL names another identity provider.
  AUTH_SIGNING_KEY: process.env.AUTH_SIGNING_KEY || localSigningKey(),
  AUTH_JWKS_URL: process.env.AUTH_JWKS_URL ?? `http://127.0.0.1:${gatewayPort}/api/v1/auth/jwks.json`,
  GATEWAY_JWKS_URL: process.env.GATEWAY_JWKS_URL ?? `http://127.0.0.1:${gatewayPort}/api/v1/auth/jwks.json`,
  // A demo province, loaded into an empty catalog on the first start, and people to try it
  // with (apps/gateway/src/auth/demo-users.ts), all with this password.
  DEMO_DATA: process.env.DEMO_DATA ?? 'true',
  DEMO_USERS_PASSWORD: process.env.DEMO_USERS_PASSWORD ?? 'onestop-demo',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The simulated carrier moves parcels in minutes rather than a day, so a demo sees a result
  // collected, carried and delivered (an admin can also move one on: POST /shipments/{id}/simulated-moves).
  SIMULATED_CARRIER_COLLECTED_AFTER_MINUTES: process.env.SIMULATED_CARRIER_COLLECTED_AFTER_MINUTES ?? '1',
  SIMULATED_CARRIER_IN_TRANSIT_AFTER_MINUTES: process.env.SIMULATED_CARRIER_IN_TRANSIT_AFTER_MINUTES ?? '2',
  SIMULATED_CARRIER_DELIVERED_AFTER_MINUTES: process.env.SIMULATED_CARRIER_DELIVERED_AFTER_MINUTES ?? '5',
  // The national portal connector pushes to a built-in simulated portal and EMC, which record
  // what they receive (GET /api/v1/national-portal/simulated-calls as admin).
  NATIONAL_PORTAL: process.env.NATIONAL_PORTAL ?? 'simulated',
  EMC: process.env.EMC ?? 'simulated',
  // Fees are paid on the built-in simulated payment platform (PAYMENT_PLATFORM defaults to
  // `simulated`): POST /api/v1/payments/dossiers/{code}/online answers the address of its page on
  // this gateway (PUBLIC_API_URL below), which pays or fails on a click; a payment whose callback
  // is lost is settled by polling within half a minute here.
  PAYMENT_POLL_MS: process.env.PAYMENT_POLL_MS ?? '10000',
  PAYMENT_POLL_STALE_MS: process.env.PAYMENT_POLL_STALE_MS ?? '30000',
  // Notification's links (an electronic result's download) and the simulated payment page point at
  // this gateway; its SMS, email and Zalo go to simulated providers (EMAIL_PROVIDER, SMS_PROVIDER,
  // ZALO_PROVIDER default to `simulated`), read as admin at GET /api/v1/simulated-messages.
  PUBLIC_API_URL: process.env.PUBLIC_API_URL ?? `http://localhost:${gatewayPort}/api/v1`,
  // Electronic results: signed with the local test CA's agency keys unless the settings name others;
  // the QR code on each links to this gateway's verification page.
  ...(process.env.SIGNER === 'remote' || process.env.SIGNING_P12_DIR ? {} : await localSigning()),
  RESULT_VERIFY_URL: process.env.RESULT_VERIFY_URL ?? `http://localhost:${gatewayPort}/api/v1/results/verify`,
  ...Object.fromEntries(BACKEND.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
};

const children = new Map();
let stopping = false;

// As docker compose does: the catalog takes bulk imports of a whole province (up to 5,000
// procedures, a few MiB of JSON), the other services keep BODY_LIMIT_BYTES (1 MiB by default).
const CATALOG_BODY_LIMIT_BYTES = String(16 * 1024 * 1024);
// The national portal pushes its dossiers with their files in base64.
const PORTAL_BODY_LIMIT_BYTES = String(32 * 1024 * 1024);

function launch(service) {
  const child = spawn(process.execPath, ['--enable-source-maps', ...(process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), join(root, 'dist/apps', service, 'src/main.js')], {
    env: { ...env, PORT: String(ports[service]), ...(service === 'catalog' ? { BODY_LIMIT_BYTES: CATALOG_BODY_LIMIT_BYTES } : {}), ...(service === 'portal' ? { BODY_LIMIT_BYTES: PORTAL_BODY_LIMIT_BYTES } : {}) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(service, child);
  child.on('exit', (code, signal) => {
    children.delete(service);
    if (!stopping) {
      say(`${service} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
}

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  say('stopping services');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((done) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10000);
          child.once('exit', () => {
            clearTimeout(force);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (postgres) {
    say('stopping PostgreSQL');
    await postgres.stop().catch(() => undefined);
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// All at once: migrations take turns under their advisory lock.
for (const service of BACKEND) launch(service);
launch('gateway');

const base = `http://localhost:${gatewayPort}`;
const deadline = Date.now() + 120000;
while (!stopping) {
  try {
    const response = await fetch(`${base}/health`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    say('the services did not become healthy within 2 minutes; see the logs above');
    await shutdown(1);
  }
  await new Promise((done) => setTimeout(done, 300));
}
if (!stopping) {
  say(`admin operations: Authorization: Bearer ${env.ADMIN_TOKEN}`);
  if (env.DEMO_USERS_PASSWORD) {
    say(
      `demo sign-in: POST ${base}/api/v1/auth/token {"username":"reception.ttphc","password":"${env.DEMO_USERS_PASSWORD}"} (users: apps/gateway/src/auth/demo-users.ts)`,
    );
  }
  say(`ready: API ${base}/api/v1 · docs ${base}/api/docs · health ${base}/health (Ctrl-C to stop)`);
}
