import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { SERVICE_CENTRE } from './fixtures/index.js';

const FRONT_END = 'https://dichvucong.hanam.gov.vn';

describe('the gateway door: limits, headers, CORS, audit', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);

  beforeAll(async () => {
    stack = await startStack({ RATE_LIMIT_PER_MINUTE: '8', CORS_ORIGINS: FRONT_END });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('limits each client per minute with a 429 problem and Retry-After, counting clients apart', async () => {
    const officer = await stack.tokenFor({ subject: 'busy.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    const statuses: number[] = [];
    const remaining: string[] = [];
    let refused: request.Response | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await api().get('/api/v1/procedures').set('authorization', officer);
      statuses.push(response.status);
      remaining.push(/; r=(\d+);/.exec(response.headers.ratelimit ?? '')?.[1] ?? 'none');
      if (response.status === 429) refused ??= response;
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    // Every answer says where the client stands (the IETF RateLimit headers), a refusal too.
    expect(remaining).toEqual(['7', '6', '5', '4', '3', '2', '1', '0', '0', '0']);
    expect(refused!.headers['ratelimit-policy']).toBe('"8-in-1min"; q=8; w=60');
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect(refused!.headers['content-type']).toContain('application/problem+json');
    expect(refused!.body.code).toBe('rate-limited');
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    // Another person is another client, and health probes are never limited.
    const other = await stack.tokenFor({ subject: 'calm.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    await api().get('/api/v1/procedures').set('authorization', other).expect(200);
    await api().get('/health').expect(200);
  });

  it('sends security headers and answers the province\'s front-end origins only', async () => {
    const viewer = await stack.tokenFor({ subject: 'headers.viewer', roles: ['viewer'] });
    const response = await api().get('/api/v1/calendar?year=2026').set('authorization', viewer).set('origin', FRONT_END).expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['access-control-allow-origin']).toBe(FRONT_END);
    const preflight = await api().options('/api/v1/dossiers').set('origin', FRONT_END).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/idempotency-key/i);
    const elsewhere = await api().get('/api/v1/calendar?year=2026').set('authorization', viewer).set('origin', 'https://evil.example').expect(200);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a bad bearer token at the door, before any service', async () => {
    const refused = await api().get('/api/v1/procedures').set('authorization', 'Bearer not.a.token').expect(401);
    expect(refused.body.code).toBe('invalid-token');
    const both = await api().get('/api/v1/procedures').set('authorization', stack.adminAuth).set('x-api-key', 'osk_x').expect(400);
    expect(both.body.code).toBe('ambiguous-credentials');
  });

  it('audits every change: who, what, which dossier, from where, the outcome; append-only and for admins', async () => {
    const auditor = await stack.tokenFor({ subject: 'audited.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    await api().post('/api/v1/dossiers/000.00.01.H56-260316-0042/withdrawal').set('authorization', auditor).send({ reason: 'Thử' }).expect(404);
    const page = (await api().get('/api/v1/audit').query({ dossierCode: '000.00.01.H56-260316-0042' }).set('authorization', stack.adminAuth).expect(200)).body;
    expect(page.items[0]).toMatchObject({ actor: 'audited.officer', method: 'POST', path: '/api/v1/dossiers/000.00.01.H56-260316-0042/withdrawal', status: 404 });
    expect(page.items[0].clientIp).toBeTruthy();
    expect(JSON.stringify(page)).not.toContain('Thử');
    await api().get('/api/v1/audit').set('authorization', auditor).expect(403);
    await expect(queryDatabase(stack.databaseUrl, 'DELETE FROM gateway.audit_log')).rejects.toThrow(/append-only/);
  });

  it('audits which case action was asked for, refused ones too, as workflow names it, never what the body said', async () => {
    const code = '000.00.01.H56-260316-0043';
    const leader = await stack.tokenFor({ subject: 'audited.leader', roles: ['leader'], agencyCodes: [SERVICE_CENTRE] });
    const refused = await api().post(`/api/v1/cases/${code}/actions`).set('authorization', leader).send({ action: 'refuse', reason: 'Ông Phạm Văn Tư khai sai' }).expect(404);
    // Workflow's word to the audit log is taken off the answer: the client never sees it.
    expect(refused.headers['x-audit-action']).toBeUndefined();
    expect(refused.headers['x-audit-dossier']).toBeUndefined();
    const items = await eventually(async () => {
      const page = (await api().get('/api/v1/audit').query({ dossierCode: code }).set('authorization', stack.adminAuth).expect(200)).body;
      return page.items.length > 0 ? page.items : undefined;
    }, 5000, 'the case action to be audited');
    expect(items).toEqual([expect.objectContaining({ actor: 'audited.leader', method: 'POST', path: `/api/v1/cases/${code}/actions`, action: 'refuse', dossierCode: code, status: 404 })]);
    expect(JSON.stringify(items)).not.toContain('Phạm Văn Tư');
    // A change no service names keeps a null action.
    const withdrawal = (await api().get('/api/v1/audit').query({ dossierCode: '000.00.01.H56-260316-0042' }).set('authorization', stack.adminAuth).expect(200)).body.items[0];
    expect(withdrawal.action).toBeNull();
  });

  it('audits a change sent straight to a service as a routed one, each once, and merges every log in pages', async () => {
    const reader = await stack.tokenFor({ subject: 'audit.reader', roles: ['admin'] });
    const leader = await stack.tokenFor({ subject: 'direct.leader', roles: ['leader'], agencyCodes: [SERVICE_CENTRE] });
    const code = '000.00.01.H56-260316-0044';
    const actions = `/api/v1/cases/${code}/actions`;
    // Through the gateway (a client's X-Forwarded-For is not believed: no proxy is trusted here),
    // straight to workflow (its X-Forwarded-For is nobody's word), straight to intake, and a change
    // the gateway answers itself.
    await api().post(actions).set('authorization', leader).set('x-request-id', 'routed-claim').set('x-forwarded-for', '198.51.100.7').send({ action: 'claim' }).expect(404);
    await request(stack.urlOf('workflow')).post(actions).set('authorization', leader).set('x-request-id', 'direct-claim').set('x-forwarded-for', '198.51.100.8').send({ action: 'claim' }).expect(404);
    await request(stack.urlOf('intake')).post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', leader).set('x-request-id', 'direct-withdrawal').send({ reason: 'Rút' }).expect(403);
    await api().post('/api/v1/api-keys').set('authorization', leader).set('x-request-id', 'gateway-key').send({ name: 'x', scopes: ['postal'] }).expect(403);
    const all = await eventually(async () => {
      const page = (await api().get('/api/v1/audit').query({ actor: 'direct.leader' }).set('authorization', reader).expect(200)).body;
      return page.items.length >= 4 ? page.items : undefined;
    }, 5000, 'the changes to be audited');
    const byRequest = Object.fromEntries(all.map((e: { requestId: string }) => [e.requestId, e]));
    expect(all).toHaveLength(4);
    expect(byRequest['routed-claim']).toMatchObject({ actor: 'direct.leader', method: 'POST', path: actions, action: 'claim', dossierCode: code, status: 404 });
    expect(byRequest['direct-claim']).toMatchObject({ actor: 'direct.leader', method: 'POST', path: actions, action: 'claim', dossierCode: code, status: 404 });
    expect(byRequest['direct-withdrawal']).toMatchObject({ actor: 'direct.leader', path: `/api/v1/dossiers/${code}/withdrawal`, dossierCode: code, status: 403 });
    expect(byRequest['gateway-key']).toMatchObject({ actor: 'direct.leader', path: '/api/v1/api-keys', status: 403 });
    for (const entry of all) expect(entry.clientIp).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    // Kept by the service that answered: the routed claim in workflow's log only, not the gateway's as well.
    const logged = await queryDatabase<{ schema: string; request_id: string }>(
      stack.databaseUrl,
      `SELECT 'gateway' AS schema, request_id FROM gateway.audit_log WHERE actor = $1 UNION ALL SELECT 'workflow', request_id FROM workflow.audit_log WHERE actor = $1 UNION ALL SELECT 'intake', request_id FROM intake.audit_log WHERE actor = $1 ORDER BY 1, 2`,
      ['direct.leader'],
    );
    expect(logged).toEqual([
      { schema: 'gateway', request_id: 'gateway-key' },
      { schema: 'intake', request_id: 'direct-withdrawal' },
      { schema: 'workflow', request_id: 'direct-claim' },
      { schema: 'workflow', request_id: 'routed-claim' },
    ]);
    // One page at a time, across the logs, the same entries in the same order.
    const paged: unknown[] = [];
    let cursor: string | null | undefined;
    do {
      const page = (await api().get('/api/v1/audit').query({ actor: 'direct.leader', limit: 1, ...(cursor ? { cursor } : {}) }).set('authorization', reader).expect(200)).body;
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    // Every service's log is append-only, TRUNCATE included.
    await expect(queryDatabase(stack.databaseUrl, 'DELETE FROM intake.audit_log')).rejects.toThrow(/append-only/);
    await expect(queryDatabase(stack.databaseUrl, 'TRUNCATE workflow.audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('the gateway door: refused credentials', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);
  const DEMO_PASSWORD = 'demo-password-for-door-tests';

  beforeAll(async () => {
    // Behind one proxy, so each test can be a client address of its own (X-Forwarded-For).
    stack = await startStack({ CREDENTIAL_FAILURES_PER_MINUTE: '3', TRUSTED_PROXIES: '1', DEMO_USERS_PASSWORD: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('counts refused credentials per address and then turns its refused ones away with 429, letting valid ones and anonymous reads through', async () => {
    const officer = await stack.tokenFor({ subject: 'good.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    const portal = (await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'Cổng DVCQG', scopes: ['sync:read'] }).expect(201)).body.key as string;
    const postal = (await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'Bưu điện', scopes: ['postal'] }).expect(201)).body.key as string;
    // Accepted credentials do not count, however many are under way at once.
    const together = await Promise.all(Array.from({ length: 8 }, () => api().get('/api/v1/procedures').set('authorization', officer)));
    expect(together.map((r) => r.status)).toEqual(Array(8).fill(200));
    const guesses: number[] = [];
    for (let i = 0; i < 3; i++) guesses.push((await api().get('/api/v1/sync/dossiers').set('x-api-key', `osk_guess-${i}`)).status);
    expect(guesses).toEqual([401, 401, 401]);

    const refused = await api().get('/api/v1/sync/dossiers').set('x-api-key', 'osk_guess-4').expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('too-many-refused-credentials');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A forged bearer token is turned away too, until the minute ends...
    const forged = await api().get('/api/v1/procedures').set('authorization', 'Bearer x.y.z').expect(429);
    expect(forged.body.code).toBe('too-many-refused-credentials');
    // ...but the others behind the same address (a NAT, the province's load balancer) carry on:
    // a valid officer token, the national portal's key and the postal operator's key verify.
    await api().get('/api/v1/procedures').set('authorization', officer).expect(200);
    await api().get('/api/v1/sync/dossiers').set('x-api-key', portal).expect(200);
    await api().get('/api/v1/shipments').set('x-api-key', postal).expect(200);
    // Without a credential nothing is counted or refused here.
    await api().get('/api/v1/procedures').expect(200);
  });

  it('hands the service the client address it trusts (behind its proxy), for the audit log', async () => {
    const officer = await stack.tokenFor({ subject: 'proxied.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    await api().post('/api/v1/dossiers/000.00.01.H56-260316-0045/withdrawal').set('authorization', officer).set('x-forwarded-for', '198.51.100.1, 203.0.113.20').send({ reason: 'Thử' }).expect(404);
    const [entry] = await eventually(async () => {
      const rows = await queryDatabase<{ client_ip: string }>(stack.databaseUrl, `SELECT client_ip FROM intake.audit_log WHERE actor = 'proxied.officer'`);
      return rows.length ? rows : undefined;
    }, 5000, 'the withdrawal to be audited');
    // One proxy is trusted: the address it saw (the last one) is the client, not what the client wrote before it.
    expect(entry.client_ip).toBe('203.0.113.20');
  });

  it('counts wrong demo passwords per address; past the limit every sign-in from it is 429 until the minute ends', async () => {
    const signIn = (from: string, password: string) => api().post('/api/v1/auth/token').set('x-forwarded-for', from).send({ username: 'reception.ttphc', password });
    const guesser = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn(guesser, `wrong-password-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await signIn(guesser, 'wrong-password-4').expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('too-many-refused-credentials');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Password guessing is the attack: the right password from that address waits too.
    expect((await signIn(guesser, DEMO_PASSWORD).expect(429)).body.code).toBe('too-many-refused-credentials');
    // Another address signs in; its token is valid from the locked address as well.
    const signedIn = await signIn('203.0.113.8', DEMO_PASSWORD).expect(200);
    await api().get('/api/v1/procedures').set('x-forwarded-for', guesser).set('authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
    // Refused tokens and refused passwords share the address's count.
    await api().get('/api/v1/procedures').set('x-forwarded-for', guesser).set('authorization', 'Bearer x.y.z').expect(429);
    await api().get('/api/v1/procedures').set('x-forwarded-for', '203.0.113.8').set('authorization', 'Bearer x.y.z').expect(401);
  });
});
