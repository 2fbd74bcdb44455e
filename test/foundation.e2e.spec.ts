import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack } from './stack.js';
import { publishBody, withSeededStack } from './fixtures/index.js';

const PROBLEM = /application\/problem\+json/;

describe('the system through the gateway', () => {
  let stack: Stack;

  withSeededStack((started) => (stack = started));

  it('reports every service healthy', async () => {
    const response = await request(stack.gatewayUrl).get('/health').expect(200);
    expect(response.body.status).toBe('up');
    expect(Object.keys(response.body.services).sort()).toEqual(['catalog', 'intake', 'notification', 'payment', 'portal', 'postal', 'reporting', 'workflow']);
    for (const service of Object.values(response.body.services) as Array<{ status: string }>) expect(service.status).toBe('up');
  });

  it('publishes a procedure in catalog and reporting counts it, through an event', async () => {
    const published = await request(stack.gatewayUrl)
      .post('/api/v1/procedures')
      .set('authorization', stack.adminAuth)
      .send(publishBody('1.003560'))
      .expect(201);
    expect(published.body).toMatchObject({ code: '1.003560', versionNo: 1, kind: 'published', procedure: { name: 'Cấp giấy phép lái xe' } });

    const report = await eventually(async () => {
      const response = await request(stack.gatewayUrl).get('/api/v1/reports/online-services').expect(200);
      return response.body.procedures === 1 ? response.body : undefined;
    }, 10000, 'reporting to record the procedure');
    expect(report.byLevel.find((l: { level: number }) => l.level === 4)).toEqual({ level: 4, procedures: 1, percent: 100 });
    expect(report.fullOnline).toBe(1);
    expect(report.integratedNationalPortalPercent).toBe(100);
  });

  it('passes the service answer through, status and body untouched', async () => {
    const response = await request(stack.gatewayUrl).get('/api/v1/procedures/9.999999').expect(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 404, code: 'procedure-not-found' });
  });

  it('keeps the caller request id and returns it, or makes one', async () => {
    const kept = await request(stack.gatewayUrl).get('/api/v1/procedures').set('X-Request-Id', 'abc-123').expect(200);
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const made = await request(stack.gatewayUrl).get('/api/v1/procedures').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers invalid input with 400 problem+json naming each field, and writes nothing', async () => {
    const response = await request(stack.gatewayUrl)
      .post('/api/v1/procedures')
      .set('authorization', stack.adminAuth)
      .send({ ...publishBody('abc', { name: '', onlineLevel: 7 }), colour: 'red' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('validation-failed');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'procedure.name', 'procedure.onlineLevel', 'colour']));
    expect(response.body.errors.find((e: { field: string }) => e.field === 'colour').reason).toBe('is not a known field');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    const rows = await queryDatabase(stack.databaseUrl, `SELECT count(*)::int AS n FROM catalog.procedures`);
    expect(rows[0].n).toBe(1);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    const broken = await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).set('content-type', 'application/json').send('{"code": ').expect(400);
    expect(broken.headers['content-type']).toMatch(PROBLEM);
    expect(broken.body.code).toBe('malformed-body');
    const text = await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).set('content-type', 'text/plain').send('code=1').expect(415);
    expect(text.body.code).toBe('unsupported-media-type');
  });

  it('answers a duplicate publication with 409', async () => {
    const body = publishBody('2.000488', { name: 'Đăng ký khai sinh', onlineLevel: 3, onlineMode: 'partial' });
    await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(201);
    const again = await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(body).expect(409);
    expect(again.body.code).toBe('procedure-exists');
  });

  it('pages lists with an opaque cursor and rejects a forged one', async () => {
    const first = await request(stack.gatewayUrl).get('/api/v1/procedures?limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(stack.gatewayUrl).get(`/api/v1/procedures?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].code > first.body.items[0].code).toBe(true);
    expect(second.body.nextCursor).toBeNull();
    const forged = await request(stack.gatewayUrl).get('/api/v1/procedures?cursor=not-a-cursor').expect(400);
    expect(forged.body.code).toBe('invalid-cursor');
    const tooMany = await request(stack.gatewayUrl).get('/api/v1/procedures?limit=5000').expect(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
  });

  it('answers unknown routes with 404 problem+json, at the gateway and in a service', async () => {
    const unknownResource = await request(stack.gatewayUrl).get('/api/v1/nothing-here').expect(404);
    expect(unknownResource.headers['content-type']).toMatch(PROBLEM);
    expect(unknownResource.body.code).toBe('route-not-found');
    const unknownInService = await request(stack.gatewayUrl).get('/api/v1/procedures/1.003560/nothing').expect(404);
    expect(unknownInService.body.code).toBe('route-not-found');
  });

  it('never routes internal endpoints', async () => {
    await request(stack.gatewayUrl).post('/internal/events').send({}).expect(404);
    const climbing = await request(stack.gatewayUrl).post('/api/v1/procedures/../../../internal/events').send({}).expect(400);
    expect(climbing.body.code).toBe('invalid-path');
    await request(stack.gatewayUrl).post('/api/v1/procedures/%2e%2e/%2e%2e/%2e%2e/internal/events').send({}).expect(400);
  });

  it('refuses internal endpoints to callers without the service credential', async () => {
    const response = await request(stack.urlOf('reporting')).post('/internal/events').send({}).expect(401);
    expect(response.body.code).toBe('service-credential-required');
  });

  it('serves one merged OpenAPI 3.1 document and the interactive reference', async () => {
    const response = await request(stack.gatewayUrl).get('/api/openapi.json').expect(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(document['x-unavailable-services']).toBeUndefined();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/procedures', '/api/v1/procedures/{code}', '/api/v1/agencies', '/api/v1/sync/procedures/{code}', '/api/v1/reports/online-services']));
    expect(Object.keys(document.paths).some((path) => path.startsWith('/internal') || path.startsWith('/health'))).toBe(false);
    expect(document.components.schemas.Problem).toBeDefined();
    const text = JSON.stringify(document);
    for (const ref of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(document.components.schemas[ref[1]]).toBeDefined();
    expect(text).not.toContain('"nullable"');
    const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);

    const docs = await request(stack.gatewayUrl).get('/api/docs').redirects(1).expect(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('answers 503 problem+json, not a hang, when a service is down', async () => {
    await stack.stop('reporting');
    try {
      const started = Date.now();
      const response = await request(stack.gatewayUrl).get('/api/v1/reports/online-services').expect(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ code: 'service-unavailable', status: 503 });
      const health = await request(stack.gatewayUrl).get('/health').expect(503);
      expect(health.body.services.reporting.status).toBe('down');
    } finally {
      await stack.start('reporting');
    }
    await request(stack.gatewayUrl).get('/api/v1/reports/online-services').expect(200);
  });
});

describe('the gateway passes bodies through untouched', () => {
  let stack: Stack;

  withSeededStack((started) => (stack = started));

  it('streams a chunked request body to the service', async () => {
    const { request: httpRequest } = await import('node:http');
    const url = new URL('/api/v1/procedures', stack.gatewayUrl);
    const body = JSON.stringify(publishBody('1.000777', { name: 'Thủ tục gửi từng phần', onlineLevel: 2, onlineMode: 'none' }));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization: stack.adminAuth } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 16) req.write(body.slice(i, i + 16));
      req.end();
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).procedure.name).toBe('Thủ tục gửi từng phần');
  });

  it('lets the service judge a large body: over its limit is 413 problem+json', async () => {
    const huge = publishBody('1.000778', { name: 'x'.repeat(2 * 1024 * 1024) });
    const response = await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(huge).expect(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('payload-too-large');
    const justUnder = publishBody('1.000778', { name: 'x'.repeat(900 * 1024) });
    const refused = await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(justUnder).expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'procedure.name' });
  });
});
