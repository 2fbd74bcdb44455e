import { afterEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWK, SignJWT } from 'jose';
import { ConfigError, loadConfig, ServiceConfig } from '../config/config.js';
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

/**
 * In production people's tokens come from the province's identity provider and the gateway
 * signs its own (API keys exchanged at the door, demo users): two key sets, told apart by issuer.
 */
describe('trusting the identity provider and the gateway, each with its own keys', () => {
  const IDP_ISSUER = 'https://id.hanam.gov.vn';
  const GATEWAY_ISSUER = 'onestop-gateway';
  const idp = signer('idp-key');
  const gateway = signer('gateway-key');
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  function signer(kid: string) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { kid, privateKey: pair.privateKey, jwk: { ...(pair.publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'ES256', use: 'sig' } as JWK };
  }

  /** Serves `keys` as a JWKS, counting the fetches. */
  async function serve(...keys: JWK[]): Promise<{ url: string; fetches: () => number }> {
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, fetches: () => fetches };
  }

  function signed(by: { kid: string; privateKey: KeyObject }, issuer: string | null, claims: Record<string, unknown> = { roles: ['reception'], agencies: ['000.00.01.H56'] }): Promise<string> {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: by.kid }).setAudience('onestop').setSubject('someone').setIssuedAt().setExpirationTime(now() + 600);
    if (issuer !== null) jwt = jwt.setIssuer(issuer);
    return jwt.sign(by.privateKey);
  }

  const machine = { roles: [], agencies: [], scopes: ['sync:read'] };

  async function separateKeySets() {
    const idpKeys = await serve(idp.jwk);
    const gatewayKeys = await serve(gateway.jwk);
    const verifier = new AccessTokenVerifier(
      Object.assign(new ServiceConfig(), { AUTH_JWKS_URL: idpKeys.url, AUTH_ISSUER: IDP_ISSUER, GATEWAY_JWKS_URL: gatewayKeys.url, GATEWAY_TOKEN_ISSUER: GATEWAY_ISSUER, HTTP_TIMEOUT_MS: 500 }),
    );
    return { verifier, idpKeys, gatewayKeys };
  }

  async function detailOf(promise: Promise<unknown>): Promise<{ status: number; code: string; detail?: string }> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof ProblemException) return { status: error.getStatus(), code: error.code, detail: error.detail };
      throw error;
    }
    throw new Error('expected the token to be refused');
  }

  it("accepts a person's token from the identity provider, checked against its keys only", async () => {
    const { verifier, idpKeys, gatewayKeys } = await separateKeySets();
    await expect(verifier.verify(await signed(idp, IDP_ISSUER))).resolves.toEqual({ subject: 'someone', roles: ['reception'], agencyCodes: ['000.00.01.H56'] });
    expect([idpKeys.fetches(), gatewayKeys.fetches()]).toEqual([1, 0]);
  });

  it("accepts the gateway's token for an API key, checked against the gateway's keys only", async () => {
    const { verifier, idpKeys, gatewayKeys } = await separateKeySets();
    await expect(verifier.verify(await signed(gateway, GATEWAY_ISSUER, machine))).resolves.toEqual({ subject: 'someone', roles: [], agencyCodes: [], scopes: ['sync:read'] });
    expect([idpKeys.fetches(), gatewayKeys.fetches()]).toEqual([0, 1]);
  });

  it("refuses a token claiming the gateway as issuer but signed with the identity provider's key, and the other way round", async () => {
    const { verifier } = await separateKeySets();
    await expect(detailOf(verifier.verify(await signed(idp, GATEWAY_ISSUER, machine)))).resolves.toEqual({ status: 401, code: 'invalid-token', detail: expect.stringMatching(/does not publish/) });
    await expect(detailOf(verifier.verify(await signed(gateway, IDP_ISSUER)))).resolves.toEqual({ status: 401, code: 'invalid-token', detail: expect.stringMatching(/does not publish/) });
    // Naming the other side's key id does not help: the signature is checked with the key of that id.
    const forged = await signed({ kid: gateway.kid, privateKey: idp.privateKey }, GATEWAY_ISSUER, machine);
    await expect(detailOf(verifier.verify(forged))).resolves.toEqual({ status: 401, code: 'invalid-token', detail: expect.stringMatching(/signature does not verify/) });
  });

  it('refuses a token from an issuer it does not know, or naming none, without fetching any keys', async () => {
    const { verifier, idpKeys, gatewayKeys } = await separateKeySets();
    await expect(detailOf(verifier.verify(await signed(idp, 'https://id.elsewhere.example')))).resolves.toEqual({
      status: 401,
      code: 'invalid-token',
      detail: `The token was issued by "https://id.elsewhere.example", not by a trusted issuer: "${IDP_ISSUER}" or "${GATEWAY_ISSUER}".`,
    });
    await expect(detailOf(verifier.verify(await signed(idp, null)))).resolves.toEqual({ status: 401, code: 'invalid-token', detail: 'The token lacks the "iss" claim.' });
    await expect(detailOf(verifier.verify('not.a-jwt'))).resolves.toMatchObject({ status: 401, code: 'invalid-token' });
    expect([idpKeys.fetches(), gatewayKeys.fetches()]).toEqual([0, 0]);
  });

  it("checks the gateway's tokens against AUTH_JWKS_URL when GATEWAY_JWKS_URL is unset: the gateway is the identity provider", async () => {
    const both = await serve(gateway.jwk);
    const verifier = new AccessTokenVerifier(Object.assign(new ServiceConfig(), { AUTH_JWKS_URL: both.url, HTTP_TIMEOUT_MS: 500 }));
    await expect(verifier.verify(await signed(gateway, 'onestop-local'))).resolves.toMatchObject({ subject: 'someone', roles: ['reception'] });
    await expect(verifier.verify(await signed(gateway, 'onestop-gateway', machine))).resolves.toMatchObject({ scopes: ['sync:read'] });
    // One key set, fetched once for both issuers.
    expect(both.fetches()).toBe(1);
    await expect(detailOf(verifier.verify(await signed(gateway, 'someone-else')))).resolves.toMatchObject({ status: 401, code: 'invalid-token' });
  });

  it("refuses people's tokens when only the gateway's key set is configured, saying which setting is missing", async () => {
    const gatewayKeys = await serve(gateway.jwk);
    const verifier = new AccessTokenVerifier(Object.assign(new ServiceConfig(), { GATEWAY_JWKS_URL: gatewayKeys.url, HTTP_TIMEOUT_MS: 500 }));
    await expect(verifier.verify(await signed(gateway, 'onestop-gateway', machine))).resolves.toMatchObject({ scopes: ['sync:read'] });
    await expect(detailOf(verifier.verify(await signed(idp, 'onestop-local')))).resolves.toMatchObject({ status: 401, code: 'invalid-token', detail: expect.stringContaining('AUTH_JWKS_URL') });
  });

  it('will not start with two key sets that one issuer names', () => {
    const base = { PORT: '3000', DATABASE_URL: 'postgresql://u:p@db:5432/onestop', SERVICE_TOKEN: 'a-long-enough-shared-secret' };
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(ServiceConfig, env);
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
    };
    const idpUrl = 'https://id.hanam.gov.vn/jwks.json';
    const gatewayUrl = 'http://gateway:3000/api/v1/auth/jwks.json';
    expect(problemsOf({ ...base, AUTH_JWKS_URL: idpUrl, GATEWAY_JWKS_URL: gatewayUrl, AUTH_ISSUER: 'onestop-gateway' })).toEqual([expect.stringMatching(/^GATEWAY_JWKS_URL differs from AUTH_JWKS_URL, so GATEWAY_TOKEN_ISSUER must differ from AUTH_ISSUER/)]);
    expect(problemsOf({ ...base, AUTH_JWKS_URL: idpUrl, GATEWAY_JWKS_URL: gatewayUrl, AUTH_ISSUER: 'x', GATEWAY_TOKEN_ISSUER: 'x' })).toHaveLength(1);
    expect(problemsOf({ ...base, AUTH_JWKS_URL: idpUrl, GATEWAY_JWKS_URL: gatewayUrl, AUTH_ISSUER: IDP_ISSUER })).toEqual([]);
    expect(problemsOf({ ...base, AUTH_JWKS_URL: gatewayUrl, GATEWAY_JWKS_URL: gatewayUrl, AUTH_ISSUER: 'x', GATEWAY_TOKEN_ISSUER: 'x' })).toEqual([]);
    expect(problemsOf({ ...base, GATEWAY_JWKS_URL: 'not a url' })).toEqual([expect.stringMatching(/^GATEWAY_JWKS_URL /)]);
    expect(loadConfig(ServiceConfig, base)).toMatchObject({ GATEWAY_TOKEN_ISSUER: 'onestop-gateway', AUTH_ISSUER: 'onestop-local' });
  });
});
