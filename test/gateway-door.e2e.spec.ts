import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { SERVICE_CENTRE } from './catalog-fixtures.js';

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
    let refused: request.Response | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await api().get('/api/v1/procedures').set('authorization', officer);
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
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
});

describe('the gateway door: refused credentials', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);

  beforeAll(async () => {
    stack = await startStack({ CREDENTIAL_FAILURES_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('counts refused credentials per address and then turns its credentialed requests away with 429, leaving anonymous reads alone', async () => {
    const officer = await stack.tokenFor({ subject: 'good.officer', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
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
    // A forged bearer token is turned away too, and so, until the minute ends, is a good one from this address.
    await api().get('/api/v1/procedures').set('authorization', 'Bearer not.a.token').expect(429);
    await api().get('/api/v1/procedures').set('authorization', officer).expect(429);
    // Without a credential nothing is counted or refused here.
    await api().get('/api/v1/procedures').expect(200);
  });
});
