import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, type JWK, SignJWT } from 'jose';
import request from 'supertest';
import type { Role } from '@onestop/domain';
import { queryDatabase } from '@onestop/platform/testing';
import { type Stack, startStack } from './stack.js';

const PROBLEM = /application\/problem\+json/;
const DEMO_PASSWORD = 'demo-password-for-tests';
const SERVICE_CENTRE = '000.00.01.H56';

/** A field to create: `POST /api/v1/fields` is for administrators only. */
let fieldNo = 0;
const newField = () => ({ code: `AUTH-${++fieldNo}`, name: `Lĩnh vực ${fieldNo}` });

function expectRefusal(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(PROBLEM);
  expect(response.body).toMatchObject({ status, code });
  expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('people sign in with bearer JWTs, and every service checks them', () => {
  let stack: Stack;
  const signIn = (body: Record<string, unknown>) => request(stack.gatewayUrl).post('/api/v1/auth/token').send(body);

  beforeAll(async () => {
    stack = await startStack({ DEMO_USERS_PASSWORD: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('signs in a demo user at the gateway, and a service accepts the token', async () => {
    const answer = await signIn({ username: 'admin', password: DEMO_PASSWORD }).expect(200);
    expect(answer.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    expect(decodeJwt(answer.body.accessToken)).toMatchObject({ sub: 'demo:admin', roles: ['admin'], agencies: [], iss: 'onestop-gateway', aud: 'onestop' });

    const field = newField();
    await request(stack.gatewayUrl).post('/api/v1/fields').set('authorization', `Bearer ${answer.body.accessToken}`).send(field).expect(201);
    const rows = await queryDatabase(stack.databaseUrl, `SELECT name FROM catalog.fields WHERE code = $1`, [field.code]);
    expect(rows).toEqual([{ name: field.name }]);
  });

  it('gives an officer a token naming their agency, and refuses them what needs another role', async () => {
    const answer = await signIn({ username: 'reception.ttphc', password: DEMO_PASSWORD }).expect(200);
    expect(decodeJwt(answer.body.accessToken)).toMatchObject({ sub: 'demo:reception.ttphc', roles: ['reception'], agencies: [SERVICE_CENTRE], name: 'Nguyễn Thị Lan' });
    const refused = await request(stack.gatewayUrl).post('/api/v1/fields').set('authorization', `Bearer ${answer.body.accessToken}`).send(newField());
    expectRefusal(refused, 403, 'forbidden');
  });

  it('accepts an administrator JWT and refuses a reception one, at the gateway and at the service itself', async () => {
    const admin = await stack.tokenFor({ subject: 'u-admin', roles: ['admin'], name: 'Quản trị' });
    const reception = await stack.tokenFor({ subject: 'u-reception', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      await request(base).post('/api/v1/fields').set('authorization', admin).send(newField()).expect(201);
      expectRefusal(await request(base).post('/api/v1/fields').set('authorization', reception).send(newField()), 403, 'forbidden');
    }
  });

  it('keeps the bootstrap administrator token working', async () => {
    await request(stack.gatewayUrl).post('/api/v1/fields').set('authorization', stack.adminAuth).send(newField()).expect(201);
  });

  it('answers 401 without a token, at the gateway and at the service itself', async () => {
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      expectRefusal(await request(base).post('/api/v1/fields').send(newField()), 401, 'authentication-required');
    }
  });

  it('refuses an expired token with 401 invalid-token saying so', async () => {
    const expired = await stack.tokenFor({ subject: 'u-admin', roles: ['admin'] }, { expiresAt: new Date(Date.now() - 10 * 60_000) });
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      const response = await request(base).post('/api/v1/fields').set('authorization', expired).send(newField());
      expectRefusal(response, 401, 'invalid-token');
      expect(response.body.detail).toMatch(/^The token expired at /);
    }
  });

  it('refuses a token signed by another key, even one naming the gateway key id', async () => {
    const published = await request(stack.gatewayUrl).get('/api/v1/auth/jwks.json').expect(200);
    const impostor = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forge = (kid: string) =>
      new SignJWT({ roles: ['admin'], agencies: [] })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject('mallory')
        .setIssuer('onestop-local')
        .setAudience('onestop')
        .setExpirationTime('10m')
        .sign(impostor);
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      const sameKid = await request(base).post('/api/v1/fields').set('authorization', `Bearer ${await forge(published.body.keys[0].kid)}`).send(newField());
      expectRefusal(sameKid, 401, 'invalid-token');
      expect(sameKid.body.detail).toMatch(/signature does not verify/);
      const otherKid = await request(base).post('/api/v1/fields').set('authorization', `Bearer ${await forge('impostor-key')}`).send(newField());
      expectRefusal(otherKid, 401, 'invalid-token');
      expect(otherKid.body.detail).toMatch(/does not publish/);
    }
  });

  it('refuses a token with a role the system does not know, and one that is not a JWT', async () => {
    const strange = await stack.tokenFor({ subject: 'u', roles: ['admin', 'superuser' as Role] });
    const response = await request(stack.urlOf('catalog')).post('/api/v1/fields').set('authorization', strange).send(newField());
    expectRefusal(response, 401, 'invalid-token');
    expect(response.body.detail).toContain('superuser');
    const garbage = await request(stack.urlOf('catalog')).post('/api/v1/fields').set('authorization', 'Bearer not.a-jwt').send(newField());
    expectRefusal(garbage, 401, 'invalid-token');
  });

  it('refuses a wrong password or an unknown user alike, with 401 invalid-credentials', async () => {
    expectRefusal(await signIn({ username: 'admin', password: 'wrong-password' }), 401, 'invalid-credentials');
    expectRefusal(await signIn({ username: 'nobody', password: DEMO_PASSWORD }), 401, 'invalid-credentials');
  });

  it('answers bad sign-in input with 400 naming the field', async () => {
    const missing = await signIn({ password: DEMO_PASSWORD });
    expectRefusal(missing, 400, 'validation-failed');
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['username']));
    const extra = await signIn({ username: 'admin', password: DEMO_PASSWORD, scope: 'all' });
    expectRefusal(extra, 400, 'validation-failed');
    expect(extra.body.errors).toEqual([{ field: 'scope', reason: 'is not a known field' }]);
    const text = await request(stack.gatewayUrl).post('/api/v1/auth/token').set('content-type', 'text/plain').send('username=admin');
    expectRefusal(text, 415, 'unsupported-media-type');
  });

  it('publishes the public key the tokens are signed with, and nothing private', async () => {
    const answer = await signIn({ username: 'citizen.an', password: DEMO_PASSWORD }).expect(200);
    const jwks = await request(stack.gatewayUrl).get('/api/v1/auth/jwks.json').expect(200);
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    expect(decodeProtectedHeader(answer.body.accessToken)).toMatchObject({ alg: 'ES256', kid: jwks.body.keys[0].kid });
  });

  it('documents the sign-in endpoints in the merged OpenAPI document', async () => {
    const document = (await request(stack.gatewayUrl).get('/api/openapi.json').expect(200)).body;
    const token = document.paths['/api/v1/auth/token']?.post;
    expect(token).toBeDefined();
    expect(token.tags).toEqual(['auth']);
    expect(token.description).toContain('DEMO_USERS_PASSWORD');
    expect(Object.keys(token.responses).sort()).toEqual(['200', '400', '401', '404', '429']);
    expect(token.responses['401'].content['application/problem+json']).toBeDefined();
    expect(Object.keys(token.requestBody.content['application/json'].examples)).toContain('officer');
    expect(document.paths['/api/v1/auth/jwks.json']?.get).toBeDefined();
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const text = JSON.stringify(document);
    for (const ref of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(document.components.schemas[ref[1]]).toBeDefined();
  });
});

describe('without demo users, and without the key set', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers sign-in with 404 demo-users-disabled', async () => {
    const response = await request(stack.gatewayUrl).post('/api/v1/auth/token').send({ username: 'admin', password: 'whatever-it-is' });
    expectRefusal(response, 404, 'demo-users-disabled');
  });

  it('answers 503, not 401, while the keys cannot be fetched, and recovers', async () => {
    const admin = await stack.tokenFor({ subject: 'u-admin', roles: ['admin'] });
    await stack.stop('gateway');
    try {
      const response = await request(stack.urlOf('catalog')).post('/api/v1/fields').set('authorization', admin).send(newField());
      expectRefusal(response, 503, 'identity-keys-unavailable');
    } finally {
      await stack.start('gateway');
    }
    await request(stack.urlOf('catalog')).post('/api/v1/fields').set('authorization', admin).send(newField()).expect(201);
  });
});

/**
 * Production: people's tokens come from the province's identity provider (a key set of its
 * own), while machines' API keys are still exchanged at the gateway for tokens it signs itself.
 */
describe('with an external identity provider', () => {
  const IDP_ISSUER = 'https://id.hanam.example';
  const { privateKey: idpKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const idpJwk: JWK = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'hanam-idp-1', alg: 'ES256', use: 'sig' };
  let idp: Server;
  let stack: Stack;

  const personToken = (issuer = IDP_ISSUER) =>
    new SignJWT({ roles: ['admin'], agencies: [], name: 'Quản trị tỉnh' })
      .setProtectedHeader({ alg: 'ES256', kid: idpJwk.kid })
      .setSubject('idp:admin')
      .setIssuer(issuer)
      .setAudience('onestop')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(idpKey);

  beforeAll(async () => {
    idp = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [idpJwk] })));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const idpJwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/jwks.json`;
    // As docker-compose.yml with the identity provider configured in .env: GATEWAY_JWKS_URL stays the gateway's.
    stack = await startStack({ AUTH_JWKS_URL: idpJwksUrl, AUTH_ISSUER: IDP_ISSUER, DEMO_USERS_PASSWORD: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise<void>((resolve) => (idp?.listening ? idp.close(() => resolve()) : resolve()));
  });

  it("accepts a person's token from the identity provider, at the gateway and at the service itself", async () => {
    const token = `Bearer ${await personToken()}`;
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      await request(base).post('/api/v1/fields').set('authorization', token).send(newField()).expect(201);
    }
  });

  it('still lets a machine in with its API key, end to end', async () => {
    const created = await request(stack.gatewayUrl).post('/api/v1/api-keys').set('authorization', `Bearer ${await personToken()}`).send({ name: 'Cổng DVCQG - đọc', scopes: ['sync:read'] }).expect(201);
    await request(stack.gatewayUrl).get('/api/v1/sync/dossiers').set('x-api-key', created.body.key).expect(200);
    await request(stack.gatewayUrl).get('/api/v1/sync/procedures').set('x-api-key', created.body.key).expect(200);
  });

  it("still accepts demo users' tokens, which the gateway signs in its own name", async () => {
    const answer = await request(stack.gatewayUrl).post('/api/v1/auth/token').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200);
    expect(decodeJwt(answer.body.accessToken)).toMatchObject({ iss: 'onestop-gateway' });
    await request(stack.urlOf('catalog')).post('/api/v1/fields').set('authorization', `Bearer ${answer.body.accessToken}`).send(newField()).expect(201);
  });

  it("refuses a token naming the gateway as issuer but signed with the identity provider's key, and one from an unknown issuer", async () => {
    for (const base of [stack.gatewayUrl, stack.urlOf('catalog')]) {
      const posing = await request(base).post('/api/v1/fields').set('authorization', `Bearer ${await personToken('onestop-gateway')}`).send(newField());
      expectRefusal(posing, 401, 'invalid-token');
      const stranger = await request(base).post('/api/v1/fields').set('authorization', `Bearer ${await personToken('onestop-local')}`).send(newField());
      expectRefusal(stranger, 401, 'invalid-token');
      expect(stranger.body.detail).toMatch(/not by a trusted issuer/);
    }
  });
});
