import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { ROLES, type Role, type ServiceName } from '@onestop/domain';
import { type Stack, startStack } from './stack.js';

type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * Who may call what: one row per endpoint, with the roles allowed (an empty list: public).
 * Allowed callers get past authorisation (the empty or partial bodies then fail validation or
 * lookup, never with 401/403); everyone else is refused with 403, and callers without a valid
 * credential with 401.
 */
const ENDPOINTS: Array<{ service: ServiceName; method: Method; path: string; roles: Role[] }> = [
  { service: 'catalog', method: 'get', path: '/api/v1/procedures', roles: [] },
  { service: 'catalog', method: 'get', path: '/api/v1/calendar?year=2026', roles: [] },
  { service: 'catalog', method: 'post', path: '/api/v1/procedures', roles: ['admin'] },
  { service: 'catalog', method: 'post', path: '/api/v1/agencies', roles: ['admin'] },
  { service: 'catalog', method: 'post', path: '/api/v1/fields', roles: ['admin'] },
  { service: 'catalog', method: 'put', path: '/api/v1/calendar/days/2026-05-09', roles: ['admin'] },
  { service: 'catalog', method: 'get', path: '/api/v1/sync/procedures', roles: ['admin'] },
  { service: 'catalog', method: 'put', path: '/api/v1/sync/procedures/1.009999', roles: ['admin'] },
  { service: 'intake', method: 'post', path: '/api/v1/dossiers', roles: ['citizen', 'reception', 'postal'] },
  { service: 'intake', method: 'post', path: '/api/v1/dossiers/checks', roles: ['citizen', 'reception', 'postal'] },
  { service: 'intake', method: 'get', path: '/api/v1/dossiers', roles: ['citizen', 'reception', 'specialist', 'leader', 'admin'] },
  { service: 'intake', method: 'get', path: '/api/v1/dossiers/000.00.01.H56-260316-0001', roles: ['citizen', 'reception', 'specialist', 'leader', 'admin'] },
  { service: 'intake', method: 'post', path: '/api/v1/dossiers/000.00.01.H56-260316-0001/withdrawal', roles: ['citizen', 'reception'] },
  { service: 'intake', method: 'get', path: '/api/v1/lookup?code=000.00.01.H56-260316-0001&secret=AAAAAAAAAAAA', roles: [] },
  { service: 'intake', method: 'post', path: '/api/v1/complaints', roles: [] },
  { service: 'intake', method: 'get', path: '/api/v1/complaints', roles: ['reception', 'leader', 'admin'] },
  { service: 'intake', method: 'get', path: '/api/v1/sync/dossiers', roles: ['admin'] },
  { service: 'intake', method: 'post', path: '/api/v1/sync/dossiers', roles: [] as Role[] }, // API keys only: see below
  { service: 'workflow', method: 'get', path: '/api/v1/worklist', roles: ['reception', 'specialist', 'leader'] },
  { service: 'workflow', method: 'get', path: '/api/v1/cases/000.00.01.H56-260316-0001', roles: ['reception', 'specialist', 'leader', 'admin'] },
  { service: 'workflow', method: 'post', path: '/api/v1/cases/000.00.01.H56-260316-0001/actions', roles: ['reception', 'specialist', 'leader'] },
  { service: 'gateway', method: 'get', path: '/api/v1/api-keys', roles: ['admin'] },
  { service: 'gateway', method: 'post', path: '/api/v1/api-keys', roles: ['admin'] },
  { service: 'gateway', method: 'get', path: '/api/v1/audit', roles: ['admin'] },
];

/** Endpoints open to no person at all: only machines' API keys reach them. */
const MACHINE_ONLY = new Set(['post /api/v1/sync/dossiers']);

describe('access to every endpoint, by role', () => {
  let stack: Stack;
  const tokens = new Map<string, string>();

  const call = (base: string, method: Method, path: string, auth?: string) => {
    const req = request(base)[method](path);
    if (auth) req.set('authorization', auth);
    return method === 'get' ? req : req.send({});
  };

  beforeAll(async () => {
    stack = await startStack();
    for (const role of ROLES) tokens.set(role, await stack.tokenFor({ subject: `${role}.user`, roles: [role], agencyCodes: role === 'citizen' || role === 'admin' ? [] : ['000.00.01.H56'] }));
    tokens.set('expired', await stack.tokenFor({ subject: 'late', roles: ['admin'] }, { expiresAt: new Date(Date.now() - 3600_000) }));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreign = await new SignJWT({ roles: ['admin'], agencies: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-ours' })
      .setSubject('intruder')
      .setIssuer('onestop-local')
      .setAudience('onestop')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    tokens.set('foreign', `Bearer ${foreign}`);
  });

  afterAll(async () => {
    await stack?.close();
  });

  for (const endpoint of ENDPOINTS) {
    const name = `${endpoint.method.toUpperCase()} ${endpoint.path.split('?')[0]}`;
    const machineOnly = MACHINE_ONLY.has(`${endpoint.method} ${endpoint.path}`);
    it(`${name}: ${endpoint.roles.length ? endpoint.roles.join(', ') : machineOnly ? 'API keys only' : 'public'}`, async () => {
      const outcomes: Record<string, number> = {};
      for (const role of ROLES) outcomes[role] = (await call(stack.gatewayUrl, endpoint.method, endpoint.path, tokens.get(role))).status;
      for (const who of ['expired', 'foreign']) outcomes[who] = (await call(stack.gatewayUrl, endpoint.method, endpoint.path, tokens.get(who))).status;
      outcomes.none = (await call(stack.gatewayUrl, endpoint.method, endpoint.path)).status;

      const expected: Record<string, string> = {};
      for (const role of ROLES) expected[role] = endpoint.roles.length === 0 && !machineOnly ? 'allowed' : endpoint.roles.includes(role) ? 'allowed' : '403';
      expected.expired = '401';
      expected.foreign = '401';
      expected.none = endpoint.roles.length === 0 && !machineOnly ? 'allowed' : '401';
      const judged = Object.fromEntries(Object.entries(outcomes).map(([who, status]) => [who, status === 401 || status === 403 ? String(status) : status >= 500 ? `error ${status}` : 'allowed']));
      expect(judged).toEqual(expected);
    });
  }

  it('is enforced by each service itself, reached without the gateway', async () => {
    const direct: Array<[ServiceName, Method, string]> = [
      ['catalog', 'post', '/api/v1/procedures'],
      ['intake', 'get', '/api/v1/dossiers'],
      ['workflow', 'get', '/api/v1/worklist'],
    ];
    for (const [service, method, path] of direct) {
      expect((await call(stack.urlOf(service), method, path)).status).toBe(401);
      expect((await call(stack.urlOf(service), method, path, tokens.get('foreign'))).status).toBe(401);
      expect((await call(stack.urlOf(service), method, path, tokens.get('expired'))).status).toBe(401);
      expect((await call(stack.urlOf(service), method, path, tokens.get('viewer'))).status).toBe(403);
    }
  });
});
