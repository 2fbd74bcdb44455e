import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack } from './stack.js';
import { procedurePublished, publishBody, withSeededStack } from './fixtures/index.js';

/** Outbox to inbox: at-least-once delivery, exactly-once effect, nothing lost while a subscriber is down. */
describe('event delivery between services', () => {
  let stack: Stack;
  const count = async (sql: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql))[0].n;

  withSeededStack((started) => (stack = started));

  it('delivers every event written while the subscriber was down, each applied once', async () => {
    await stack.stop('reporting');
    const codes = Array.from({ length: 25 }, (_, i) => `1.${String(100000 + i).padStart(6, '0')}`);
    for (const code of codes) {
      await request(stack.gatewayUrl)
        .post('/api/v1/procedures')
        .set('authorization', stack.adminAuth)
        .send(publishBody(code, { name: `Thủ tục ${code}`, onlineLevel: 3, onlineMode: 'partial' }))
        .expect(201);
    }
    // The relay tried and was refused; the events wait in catalog's outbox.
    await eventually(async () => ((await count(`SELECT count(*)::int AS n FROM catalog.outbox_deliveries WHERE attempts > 0 AND delivered_at IS NULL`)) > 0 ? true : undefined), 5000, 'a failed attempt');
    expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_deliveries WHERE delivered_at IS NULL`)).toBe(25);

    await stack.start('reporting');
    await eventually(async () => ((await count(`SELECT count(*)::int AS n FROM catalog.outbox_deliveries WHERE delivered_at IS NULL`)) === 0 ? true : undefined), 15000, 'all deliveries');
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts`)).toBe(25);
    expect(await count(`SELECT count(*)::int AS n FROM reporting.inbox_events`)).toBe(25);
    const report = await request(stack.gatewayUrl).get('/api/v1/reports/online-services').expect(200);
    expect(report.body.procedures).toBe(25);
  });

  it('applies a redelivered event once, even when the relay lost its acknowledgement', async () => {
    // As if the relay died after sending and before marking: every delivery is due again.
    await queryDatabase(stack.databaseUrl, `UPDATE catalog.outbox_deliveries SET delivered_at = NULL, next_attempt_at = now()`);
    await eventually(async () => ((await count(`SELECT count(*)::int AS n FROM catalog.outbox_deliveries WHERE delivered_at IS NULL`)) === 0 ? true : undefined), 15000, 'redelivery');
    expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_deliveries WHERE attempts >= 2`)).toBeGreaterThanOrEqual(25);
    expect(await count(`SELECT count(*)::int AS n FROM reporting.inbox_events`)).toBe(25);
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts`)).toBe(25);
  });

  it('answers a repeated envelope as a duplicate and changes nothing', async () => {
    const envelope = procedurePublished('2.000001', 'Thủ tục lặp');
    const send = () => request(stack.urlOf('reporting')).post('/internal/events').set('x-service-token', stack.serviceToken).send(envelope);
    expect((await send().expect(200)).body.outcome).toBe('applied');
    expect((await send().expect(200)).body.outcome).toBe('duplicate');
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts WHERE code = '2.000001'`)).toBe(1);
  });

  it('refuses, without recording, an event version it does not understand, so the publisher retries it later', async () => {
    const id = randomUUID();
    const response = await request(stack.urlOf('reporting'))
      .post('/internal/events')
      .set('x-service-token', stack.serviceToken)
      .send({ id, type: 'ProcedurePublished', version: 2, source: 'catalog', occurredAt: new Date().toISOString(), payload: {} })
      .expect(422);
    expect(response.body.code).toBe('event-version-not-supported');
    expect(await count(`SELECT count(*)::int AS n FROM reporting.inbox_events WHERE event_id = '${id}'`)).toBe(0);
  });

  it('applies a batch of events in order, each once, and stops at the first it cannot apply, naming it', async () => {
    const published = (code: string) => procedurePublished(code, 'Thủ tục lô');
    const first = published('2.000101');
    const second = published('2.000102');
    const unknown = { ...published('2.000103'), version: 9 };
    const after = published('2.000104');
    const batch = (events: object[]) => request(stack.urlOf('reporting')).post('/internal/events/batch').set('x-service-token', stack.serviceToken).send({ events });
    const answer = (await batch([first, second, unknown, after]).expect(200)).body;
    expect(answer).toEqual({
      acknowledged: [{ id: first.id, outcome: 'applied' }, { id: second.id, outcome: 'applied' }],
      refused: { id: unknown.id, status: 422, code: 'event-version-not-supported', detail: expect.any(String) },
    });
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts WHERE code IN ('2.000101', '2.000102', '2.000103', '2.000104')`)).toBe(2);
    // Sent again from the first not applied, with the repeat of one already applied.
    expect((await batch([second, after]).expect(200)).body).toEqual({ acknowledged: [{ id: second.id, outcome: 'duplicate' }, { id: after.id, outcome: 'applied' }], refused: null });
    await request(stack.urlOf('reporting')).post('/internal/events/batch').send({ events: [first] }).expect(401);
    expect((await batch([]).expect(400)).body.errors[0].field).toBe('events');
    expect((await batch([{ ...first, id: 'nope' }]).expect(400)).body.errors[0].field).toBe('events[0].id');
  });

  it('applies a batch together, yet as if one by one: an event that fails leaves those before it applied, and a repeat inside a batch counts once', async () => {
    const published = (code: string) => procedurePublished(code, 'Thủ tục lô hai');
    const first = published('2.000201');
    // Passes the envelope's checks, fails in the handler (the facts need a name).
    const broken = { ...published('2.000202'), payload: { ...published('2.000202').payload, name: null } };
    const after = published('2.000203');
    const batch = (events: object[]) => request(stack.urlOf('reporting')).post('/internal/events/batch').set('x-service-token', stack.serviceToken).send({ events });
    const answer = (await batch([first, broken, after]).expect(200)).body;
    expect(answer).toEqual({ acknowledged: [{ id: first.id, outcome: 'applied' }], refused: { id: broken.id, status: 503, code: 'event-not-applied', detail: expect.any(String) } });
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts WHERE code IN ('2.000201', '2.000202', '2.000203')`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM reporting.inbox_events WHERE event_id IN ('${first.id}', '${broken.id}', '${after.id}')`)).toBe(1);
    const again = (await batch([after, after, first]).expect(200)).body;
    expect(again).toEqual({ acknowledged: [{ id: after.id, outcome: 'applied' }, { id: after.id, outcome: 'duplicate' }, { id: first.id, outcome: 'duplicate' }], refused: null });
    expect(await count(`SELECT count(*)::int AS n FROM reporting.procedure_facts WHERE code IN ('2.000201', '2.000202', '2.000203')`)).toBe(2);
  });

  it('refuses a malformed envelope with 400 naming the fields', async () => {
    const response = await request(stack.urlOf('reporting'))
      .post('/internal/events')
      .set('x-service-token', stack.serviceToken)
      .send({ id: 'not-a-uuid', type: 'ProcedurePublished', version: 1, source: 'nowhere', occurredAt: 'yesterday', payload: {} })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['id', 'occurredAt', 'source']);
  });

  it('rolls back the event with the change: a refused publication leaves no outbox row', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`);
    await request(stack.gatewayUrl)
      .post('/api/v1/procedures')
      .set('authorization', stack.adminAuth)
      .send(publishBody('1.100000', { name: 'Trùng mã', onlineLevel: 3, onlineMode: 'partial' }))
      .expect(409);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_events`)).toBe(before);
  });
});
