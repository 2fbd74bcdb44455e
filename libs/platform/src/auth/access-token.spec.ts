import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey, SignJWT } from 'jose';
import { callerFromClaims, claimsOf, distinguishKeySetFailures, InvalidTokenError, KeySetUnavailableError, verifyAccessToken } from './access-token.js';

const expected = { issuer: 'onestop-local', audience: 'onestop' };

function keyPair(kid: string): { privateKey: KeyObject; jwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, jwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'ES256', use: 'sig' } };
}

const trusted = keyPair('trusted');
const keys = createLocalJWKSet({ keys: [trusted.jwk] });
const now = () => Math.floor(Date.now() / 1000);

interface TokenShape {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  kid?: string;
  key?: KeyObject;
  subject?: string | null;
}

function sign(shape: TokenShape = {}): Promise<string> {
  let jwt = new SignJWT({ roles: ['reception'], agencies: ['000.00.01.H56'], name: 'Nguyễn Thị Lan', ...shape.claims })
    .setProtectedHeader({ alg: 'ES256', kid: shape.kid ?? 'trusted' })
    .setIssuer(shape.issuer ?? expected.issuer)
    .setAudience(shape.audience ?? expected.audience)
    .setIssuedAt()
    .setExpirationTime(shape.expiresAt ?? now() + 600);
  if (shape.subject !== null) jwt = jwt.setSubject(shape.subject ?? 'demo:reception.ttphc');
  return jwt.sign(shape.key ?? trusted.privateKey);
}

async function refusal(token: string | Promise<string>, keySet: JWTVerifyGetKey = keys): Promise<string> {
  try {
    await verifyAccessToken(await token, keySet, expected);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('access token claims', () => {
  it('maps sub, roles, agencies and name to the caller, and back', () => {
    const caller = callerFromClaims({ sub: 'u1', roles: ['specialist', 'leader', 'leader'], agencies: ['000.00.02.H56'], name: 'Trần Văn Minh' });
    expect(caller).toEqual({ subject: 'u1', roles: ['specialist', 'leader'], agencyCodes: ['000.00.02.H56'], name: 'Trần Văn Minh' });
    expect(claimsOf(caller)).toEqual({ roles: ['specialist', 'leader'], agencies: ['000.00.02.H56'], name: 'Trần Văn Minh' });
  });

  it('gives a citizen without agencies or a name an empty agency list', () => {
    expect(callerFromClaims({ sub: 'c1', roles: ['citizen'] })).toEqual({ subject: 'c1', roles: ['citizen'], agencyCodes: [] });
  });

  it.each([
    [{ roles: ['citizen'] }, /subject/],
    [{ sub: '', roles: ['citizen'] }, /subject/],
    [{ sub: 'u' }, /no roles/],
    [{ sub: 'u', roles: [] }, /no roles/],
    [{ sub: 'u', roles: 'admin' }, /no roles/],
    [{ sub: 'u', roles: ['citizen', 'superuser'] }, /do(es)? not know: superuser/],
    [{ sub: 'u', roles: ['reception'], agencies: '000.00.01.H56' }, /agencies/],
    [{ sub: 'u', roles: ['reception'], agencies: ['H56'] }, /agencies/],
    [{ sub: 'u', roles: ['citizen'], name: 7 }, /name/],
  ])('refuses %j', (claims, reason) => {
    expect(() => callerFromClaims(claims)).toThrow(reason);
  });
});

describe('verifying an access token', () => {
  it('accepts a token signed by a published key, for this issuer and audience', async () => {
    await expect(verifyAccessToken(await sign(), keys, expected)).resolves.toEqual({
      subject: 'demo:reception.ttphc',
      roles: ['reception'],
      agencyCodes: ['000.00.01.H56'],
      name: 'Nguyễn Thị Lan',
    });
  });

  it('says why it refuses a token, in plain words', async () => {
    expect(await refusal(sign({ expiresAt: now() - 3600 }))).toMatch(/^The token expired at \d{4}-\d\d-\d\dT/);
    expect(await refusal(sign({ issuer: 'someone-else' }))).toBe('The token was issued by "someone-else", not by the trusted issuer "onestop-local".');
    expect(await refusal(sign({ audience: 'another-system' }))).toBe('The token is meant for "another-system", not for this API ("onestop").');
    expect(await refusal(sign({ key: keyPair('x').privateKey }))).toMatch(/signature does not verify/);
    expect(await refusal(sign({ kid: 'unknown', key: keyPair('unknown').privateKey }))).toMatch(/key the trusted identity provider does not publish/);
    expect(await refusal(sign({ claims: { roles: ['root'] } }))).toMatch(/roles this system does not know: root/);
    expect(await refusal(sign({ subject: null }))).toBe('The token lacks the "sub" claim.');
    expect(await refusal('not-a-jwt')).toBe('The bearer token is not a well-formed JWT.');
  });

  it('refuses symmetric and unsigned tokens', async () => {
    const hmac = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(expected.issuer).setAudience(expected.audience).setExpirationTime('1h').sign(new Uint8Array(32));
    expect(await refusal(hmac)).toMatch(/algorithm that is not accepted/);
    const [, payload] = hmac.split('.');
    expect(await refusal(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`)).toMatch(/algorithm that is not accepted/);
  });

  it('tells an unreachable key set apart from a bad token', async () => {
    const unreachable = distinguishKeySetFailures(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(verifyAccessToken(await sign(), unreachable, expected)).rejects.toBeInstanceOf(KeySetUnavailableError);
    expect(await refusal(sign({ kid: 'unknown', key: keyPair('unknown').privateKey }), distinguishKeySetFailures(keys))).toMatch(/does not publish/);
  });
});
