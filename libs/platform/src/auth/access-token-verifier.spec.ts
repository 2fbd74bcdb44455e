import { afterEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWK, SignJWT } from 'jose';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { AccessTokenVerifier } from './access-token-verifier.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk: JWK = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'k1', alg: 'ES256', use: 'sig' };
const now = () => Math.floor(Date.now() / 1000);

function token(subject: string, expiresAt = now() + 600): Promise<string> {
  return new SignJWT({ roles: ['reception'], agencies: ['000.00.01.H56'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('onestop-local')
    .setAudience('onestop')
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(privateKey);
}

/** The identity provider's key set, served over HTTP as the verifier fetches it in production. */
async function keySetServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` };
}

function verifierFor(url: string): AccessTokenVerifier {
  return new AccessTokenVerifier(Object.assign(new ServiceConfig(), { AUTH_JWKS_URL: url, HTTP_TIMEOUT_MS: 500 }));
}

async function problemOf(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), code: error.code };
    throw error;
  }
  throw new Error('expected a problem');
}

/** The verifier reuses what it verified; these are what that reuse must not change. */
describe('verifying the same bearer token on every request', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())));

  it('gives every request a caller of its own', async () => {
    const keys = await keySetServer();
    server = keys.server;
    const verifier = verifierFor(keys.url);
    const shared = await token('demo:reception.b');
    const first = await verifier.verify(shared);
    first.agencyCodes.push('000.00.99.H56');
    await expect(verifier.verify(shared)).resolves.toMatchObject({ agencyCodes: ['000.00.01.H56'] });
  });

  it('refuses a token once its expiry and the clock tolerance have passed, though it was accepted a moment before', async () => {
    const keys = await keySetServer();
    server = keys.server;
    const verifier = verifierFor(keys.url);
    // Expired 29 s ago: within the 30 s tolerated between clocks, for about a second more.
    const expiring = await token('demo:reception.c', now() - 29);
    await expect(verifier.verify(expiring)).resolves.toMatchObject({ subject: 'demo:reception.c' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(problemOf(verifier.verify(expiring))).resolves.toEqual({ status: 401, code: 'invalid-token' });
  });
});
