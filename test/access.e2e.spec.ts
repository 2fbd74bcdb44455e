import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { API_KEY_SCOPES, type ApiKeyScope, ROLES, type Role } from '@onestop/domain';
import type { AccessRule } from '@onestop/platform';
import { CatalogAccess } from '../apps/catalog/src/access-policy.js';
import { GatewayAccess } from '../apps/gateway/src/access-policy.js';
import { ownerOf } from '../apps/gateway/src/routing/resource-routes.js';
import { IntakeAccess } from '../apps/intake/src/access-policy.js';
import { PostalAccess } from '../apps/postal/src/access-policy.js';
import { ReportingAccess } from '../apps/reporting/src/access-policy.js';
import { WorkflowAccess } from '../apps/workflow/src/access-policy.js';
import { PortalAccess } from '../apps/portal/src/access-policy.js';
import { PaymentAccess } from '../apps/payment/src/access-policy.js';
import { NotificationAccess } from '../apps/notification/src/access-policy.js';
import { type Stack, startStack } from './stack.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call what, as each app's access policy decides it (apps/<app>/src/access-policy.ts):
 * the guard enforces the same rules and the OpenAPI document is written from them, so a rule
 * changed there is tried here. Keyed by method and path template: the test fails when an
 * operation of the merged document is decided by no rule, so a new endpoint cannot ship without
 * its access being decided.
 * - `roles`: the people's roles allowed; `scopes`: the API-key scopes allowed besides them
 *   (a key with `postal` acts with the postal role);
 * - `public`: anyone, without credentials;
 * - `signed`: no credential of ours counts; the carrier's signature over the body decides, so
 *   an unsigned call is a 401 whoever makes it.
 */
type Access = { roles: Role[]; scopes?: ApiKeyScope[] } | 'public' | 'signed';

const RULES: AccessRule[] = [CatalogAccess, IntakeAccess, WorkflowAccess, PostalAccess, ReportingAccess, PortalAccess, PaymentAccess, NotificationAccess, GatewayAccess].flatMap((policy) => Object.values(policy));

function accessOf(rule: AccessRule): Access {
  switch (rule.entry) {
    case 'signed-in':
      return { roles: [...rule.roles], scopes: [...rule.scopes] };
    case 'signed':
      return 'signed';
    default:
      // Reading a token when one is sent, or taking a lookup code (`?secret=`, which these rows are tried with).
      return 'public';
  }
}

const decisions = (rules: AccessRule[], access: (rule: AccessRule) => Access) => rules.flatMap((rule) => rule.operations.map((operation): [string, Access] => [operation, access(rule)]));

const ACCESS: Record<string, Access> = Object.fromEntries(decisions(RULES, accessOf));

/**
 * The operations that are public with a lookup code and otherwise need a sign-in: who gets past
 * authorisation without the code (any signed-in caller when the rule names no role, who is then
 * told 404 unless it is theirs). A made-up dossier or complaint is then a 404 for them.
 */
const WITHOUT_SECRET: Record<string, Access> = Object.fromEntries(
  decisions(
    RULES.filter((rule) => rule.entry === 'lookup-code'),
    (rule) => (rule.roles.length || rule.scopes.length ? { roles: [...rule.roles], scopes: [...rule.scopes] } : { roles: [...ROLES], scopes: [...API_KEY_SCOPES] }),
  ),
);

/** Path parameters that name nothing that exists: allowed callers get a 404 or a 400, never a change. */
const PARAMETERS: Record<string, string> = {
  code: '1.009999',
  dossierCode: '000.00.01.H56-260316-0001',
  id: '00000000-0000-4000-8000-000000000000',
  versionNo: '1',
  date: '2031-05-09',
  carrier: 'simulated',
  form: '01',
  kind: 'dossier_received',
  channel: 'sms',
  idNumber: '0101234567',
};

function concretePath(template: string, withSecret = false): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'code' && template.startsWith('/api/v1/dossiers/')) return PARAMETERS.dossierCode;
    if (name === 'code' && template.startsWith('/api/v1/agencies/')) return '000.99.99.H56';
    if (name === 'code' && template.startsWith('/api/v1/fields/')) return 'NO-SUCH-FIELD';
    return PARAMETERS[name];
  });
  if (template === '/api/v1/lookup') return `${path}?code=${PARAMETERS.dossierCode}&secret=AAAAAAAAAAAA`;
  return withSecret ? `${path}?secret=AAAAAAAAAAAA` : path;
}

type Callers = Record<string, { authorization?: string; apiKey?: string }>;

describe('access to every endpoint, by role, through the gateway and straight to the service', () => {
  let stack: Stack;
  let operations: Array<{ key: string; method: Method; path: string }>;
  /** Each operation's `security`, as the document declares it. */
  const declared: Record<string, Array<Record<string, string[]>> | undefined> = {};
  const callers: Callers = { none: {} };

  const call = (base: string, method: Method, path: string, caller: { authorization?: string; apiKey?: string }) => {
    const req = request(base)[method](path);
    if (caller.authorization) req.set('authorization', caller.authorization);
    if (caller.apiKey) req.set('x-api-key', caller.apiKey);
    return method === 'get' || method === 'delete' ? req : req.send({});
  };

  beforeAll(async () => {
    // Every caller tries the same made-up dossier's lookup code, on purpose: more than intake's
    // limit of wrong lookup codes per dossier (LOOKUP_GUESS_LIMIT), which test/intake.e2e.spec.ts pins.
    stack = await startStack({ LOOKUP_GUESS_LIMIT: '10000' });
    for (const role of ROLES) {
      callers[role] = { authorization: await stack.tokenFor({ subject: `${role}.user`, roles: [role], agencyCodes: role === 'citizen' || role === 'admin' ? [] : ['000.00.01.H56'] }) };
    }
    callers.expired = { authorization: await stack.tokenFor({ subject: 'late', roles: ['admin'] }, { expiresAt: new Date(Date.now() - 3600_000) }) };
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const foreign = await new SignJWT({ roles: ['admin'], agencies: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-ours' })
      .setSubject('intruder')
      .setIssuer('onestop-local')
      .setAudience('onestop')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    callers.foreign = { authorization: `Bearer ${foreign}` };
    for (const scope of API_KEY_SCOPES) {
      const created = await request(stack.gatewayUrl).post('/api/v1/api-keys').set('authorization', callers.admin.authorization!).send({ name: `access test ${scope}`, scopes: [scope] }).expect(201);
      callers[`key:${scope}`] = { apiKey: created.body.key };
    }
    const document = (await request(stack.gatewayUrl).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) declared[`${method.toUpperCase()} ${path}`] = (operation as { security?: Array<Record<string, string[]>> }).security;
    }
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method): method is Method => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path })),
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('decides access for every operation the API describes, and for no other, each by one rule', () => {
    const described = operations.map((o) => o.key).sort();
    const decided = RULES.flatMap((rule) => [...rule.operations]);
    expect(decided.filter((key, index) => decided.indexOf(key) !== index)).toEqual([]);
    expect(described.filter((key) => !(key in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !described.includes(key))).toEqual([]);
  });

  it('declares in the document what each operation takes, as decided here: bearer roles, API-key scopes, or none', () => {
    const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();
    const shape = (security: Array<Record<string, string[]>> | undefined) =>
      security === undefined ? 'undeclared' : security.map((requirement) => Object.entries(requirement).map(([scheme, list]) => `${scheme}:${sorted(list).join(',')}`).join('+') || 'anonymous').sort();
    const wanted = (key: string, access: Access) => {
      if (access === 'signed') return [];
      if (access === 'public') {
        const signedIn = WITHOUT_SECRET[key];
        if (signedIn === undefined) return shape(declared[key]).length === 0 ? [] : ['anonymous', 'bearer:'];
        const roles = (signedIn as { roles: Role[] }).roles;
        return ['anonymous', `bearer:${roles.length === ROLES.length ? '' : sorted(roles).join(',')}`].sort();
      }
      const keyScopes = new Set<string>(access.scopes ?? []);
      if (access.roles.includes('postal')) keyScopes.add('postal');
      return [...(access.roles.length ? [`bearer:${sorted(access.roles).join(',')}`] : []), ...(keyScopes.size ? [`apiKey:${sorted([...keyScopes]).join(',')}`] : [])].sort();
    };
    const got = Object.fromEntries(Object.keys(ACCESS).map((key) => [key, shape(declared[key])]));
    const expected = Object.fromEntries(Object.entries(ACCESS).map(([key, access]) => [key, wanted(key, access)]));
    expect(got).toEqual(expected);
  });

  const expectationFor = (access: Access, who: string): string => {
    if (access === 'signed') return '401';
    if (who === 'expired' || who === 'foreign') return '401';
    if (access === 'public') return 'allowed';
    if (who === 'none') return '401';
    if (who.startsWith('key:')) {
      const scope = who.slice(4) as ApiKeyScope;
      return (access.scopes ?? []).includes(scope) || (scope === 'postal' && access.roles.includes('postal')) ? 'allowed' : '403';
    }
    return access.roles.includes(who as Role) ? 'allowed' : '403';
  };

  const judge = (status: number) => (status === 401 || status === 403 ? String(status) : status >= 500 ? `error ${status}` : 'allowed');

  const summaryOf = (access: Access) => (access === 'public' || access === 'signed' ? access : [...access.roles, ...(access.scopes ?? []).map((s) => `key:${s}`)].join(', '));

  /** Every caller, through the gateway and straight to the owning service, against what `access` allows. */
  const check = async (method: Method, path: string, access: Access) => {
    const service = ownerOf(path);
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [who, caller] of Object.entries(callers)) {
      expected[`${who} via gateway`] = expectationFor(access, who);
      outcomes[`${who} via gateway`] = judge((await call(stack.gatewayUrl, method, path, caller)).status);
      // API keys are exchanged at the door; behind it, only bearer tokens count.
      if (service && !who.startsWith('key:')) {
        expected[`${who} at ${service}`] = expectationFor(access, who);
        outcomes[`${who} at ${service}`] = judge((await call(stack.urlOf(service), method, path, caller)).status);
      }
    }
    expect(outcomes).toEqual(expected);
  };

  for (const [key, access] of Object.entries(ACCESS)) {
    const [verb, template] = key.split(' ');
    const method = verb.toLowerCase() as Method;
    it(`${key}: ${summaryOf(access)}`, async () => {
      await check(method, concretePath(template, key in WITHOUT_SECRET), access);
    });
  }

  for (const [key, access] of Object.entries(WITHOUT_SECRET)) {
    const [verb, template] = key.split(' ');
    it(`${key} without the lookup code: ${summaryOf(access)}`, async () => {
      expect(ACCESS[key]).toBe('public');
      await check(verb.toLowerCase() as Method, concretePath(template), access);
    });
  }

  it('answers a made-up dossier\'s documents and forms with 404 to the lookup code, and 401 to nobody without one', async () => {
    for (const template of ['/api/v1/dossiers/{code}/documents', '/api/v1/dossiers/{code}/documents/{id}', '/api/v1/dossiers/{code}/forms/{form}']) {
      for (const base of [stack.gatewayUrl, stack.urlOf('intake')]) {
        expect((await request(base).get(concretePath(template, true))).body).toMatchObject({ status: 404, code: 'dossier-not-found' });
        expect((await request(base).get(concretePath(template))).body).toMatchObject({ status: 401, code: 'authentication-required' });
      }
    }
  });
});
