import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { AGENCY_CODE_PATTERN } from '@onestop/domain';
import { callerFromClaims, claimsOf, ConfigError, loadConfig, verifyAccessToken } from '@onestop/platform';
import { GatewayConfig } from '../config.js';
import { signAccessToken } from './access-token-issuer.js';
import { DEMO_USERS } from './demo-users.js';
import { parseSigningKey } from './signing-key.js';

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const terms = { issuer: 'onestop-local', audience: 'onestop' };

describe('the signing key', () => {
  it('reads a private JWK and a PKCS8 PEM of the same key alike, with a thumbprint key id', () => {
    const key = p256();
    const fromJwk = parseSigningKey(JSON.stringify(key.export({ format: 'jwk' })));
    const fromPem = parseSigningKey(key.export({ format: 'pem', type: 'pkcs8' }) as string);
    expect(fromPem.publicJwk).toEqual(fromJwk.publicJwk);
    expect(fromJwk.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(fromJwk.publicJwk).not.toHaveProperty('d');
  });

  it('reads a PEM whose line breaks were written as \\n on one line', () => {
    const pem = (p256().export({ format: 'pem', type: 'pkcs8' }) as string).trim().replace(/\n/g, '\\n');
    expect(() => parseSigningKey(pem)).not.toThrow();
  });

  it('refuses other keys and garbage, saying what it wants', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const p384 = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' }));
    const publicOnly = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }));
    for (const text of [rsa, p384]) expect(() => parseSigningKey(text)).toThrow(/another kind of key/);
    for (const text of [publicOnly, 'not a key', '{"kty":"EC"}']) expect(() => parseSigningKey(text)).toThrow(/P-256 \(ES256\) private key/);
  });
});

describe('gateway settings for tokens', () => {
  const base = {
    PORT: '3000',
    DATABASE_URL: 'postgresql://u:p@db:5432/onestop',
    SERVICE_TOKEN: 'a-long-enough-shared-secret',
    CATALOG_URL: 'http://catalog:3000',
    INTAKE_URL: 'http://intake:3000',
    WORKFLOW_URL: 'http://workflow:3000',
    POSTAL_URL: 'http://postal:3000',
    REPORTING_URL: 'http://reporting:3000',
    PORTAL_URL: 'http://portal:3000',
    PAYMENT_URL: 'http://payment:3000',
    NOTIFICATION_URL: 'http://notification:3000',
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(GatewayConfig, env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('issues nothing by default', () => {
    const config = loadConfig(GatewayConfig, base);
    expect(config.AUTH_SIGNING_KEY).toBeUndefined();
    expect(config.DEMO_USERS_PASSWORD).toBeUndefined();
    expect(config.AUTH_TOKEN_TTL_SECONDS).toBe(3600);
  });

  it('names a malformed key, and a demo password without a key to sign with', () => {
    expect(problemsOf({ ...base, AUTH_SIGNING_KEY: 'nope' })).toEqual([expect.stringMatching(/^AUTH_SIGNING_KEY must be a P-256 \(ES256\) private key/)]);
    expect(problemsOf({ ...base, DEMO_USERS_PASSWORD: 'demo-password' })).toEqual(['DEMO_USERS_PASSWORD needs AUTH_SIGNING_KEY, the key demo users\' tokens are signed with']);
    expect(problemsOf({ ...base, DEMO_USERS_PASSWORD: 'demo-password', AUTH_SIGNING_KEY: JSON.stringify(p256().export({ format: 'jwk' })) })).toEqual([]);
  });
});

describe('issued tokens', () => {
  it('verify against the published key and name the same caller', async () => {
    const key = parseSigningKey(JSON.stringify(p256().export({ format: 'jwk' })));
    const caller = { subject: 'demo:leader.stp', roles: ['leader' as const], agencyCodes: ['000.00.02.H56'], name: 'Bùi Thị Thu' };
    const token = await signAccessToken(key, caller, { ...terms, expiresAt: new Date(Date.now() + 60_000) });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: key.publicJwk.kid, typ: 'JWT' });
    await expect(verifyAccessToken(token, createLocalJWKSet({ keys: [key.publicJwk] }), terms)).resolves.toEqual(caller);
  });
});

describe('demo users', () => {
  it('have unique usernames and claims every service accepts', () => {
    expect(new Set(DEMO_USERS.map((user) => user.username)).size).toBe(DEMO_USERS.length);
    for (const user of DEMO_USERS) {
      const caller = { subject: user.subject, roles: user.roles, agencyCodes: user.agencyCodes, name: user.name };
      expect(callerFromClaims({ sub: user.subject, ...claimsOf(caller) })).toEqual(caller);
      for (const code of user.agencyCodes) expect(code).toMatch(AGENCY_CODE_PATTERN);
    }
  });

  it('cover every officer role in both demo agencies, plus an administrator and two citizens', () => {
    for (const agency of ['000.00.01.H56', '000.00.02.H56']) {
      const roles = DEMO_USERS.filter((user) => user.agencyCodes.includes(agency)).flatMap((user) => user.roles);
      expect(roles.sort()).toEqual(['leader', 'postal', 'reception', 'specialist', 'viewer']);
    }
    expect(DEMO_USERS.filter((user) => user.roles.includes('admin'))).toHaveLength(1);
    expect(DEMO_USERS.filter((user) => user.roles.includes('citizen'))).toHaveLength(2);
  });
});
