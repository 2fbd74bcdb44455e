import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { signCallback } from '../apps/postal/src/carriers/callback-signature.js';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, applicant, DEPARTMENT, MONDAY_10AM, publishBody, seedCatalogBasics, SERVICE_CENTRE, signIn } from './fixtures/index.js';

/** Monday 16 March 2026, 10:00 in Vietnam; the clock only moves forward in this file. */
const CALLBACK_SECRET = 'simulated-carrier-callback-secret';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_ATTEMPTS = 3;

const dossier = (overrides: Record<string, unknown> = {}) => ({
  procedureCode: '1.008001',
  agencyCode: SERVICE_CENTRE,
  applicant: APPLICANT,
  documents: [{ requirement: 1 }, { requirement: 2 }],
  resultDelivery: { method: 'post', address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', commune: 'Phường Lương Khánh Thiện', province: 'Hà Nam' }, receiverName: 'Nguyễn Thị Hoa', receiverPhone: '0987654321' },
  ...overrides,
});
const paper = { kind: 'paper', documentNumber: '125/GP-SGTVT', summary: 'Giấy phép lái xe hạng B2' };
/** Words that must never appear in the public lookup: the applicant's, the receiver's and the officers' personal data. */
const PERSONAL = ['Nguyễn Văn An', '035090001234', '0912345678', 'Trần Phú', 'Nguyễn Thị Hoa', '0987654321', 'Lê Lợi', 'Lê Văn Cường'];

interface Tracking {
  reported: string;
  status: string;
  outcome: string;
  source: string;
  carrierEventId: string | null;
  at: string;
  reasonCode: string | null;
}
interface Shipment {
  id: string;
  kind: string;
  status: string;
  trackingNumber: string | null;
  dossierCode: string | null;
  failedAttempts: number;
  carrierOrder: { attempts: number; lastError: string | null } | null;
  tracking: Tracking[];
  [key: string]: unknown;
}

/** How the tests drive the system through the gateway: processing to a result by post, callbacks, waiting for shipments. */
function driverFor(stack: Stack, officers: { reception: string; specialist: string; leader: string }, secret: string, carrier: string) {
  const api = () => request(stack.gatewayUrl);
  const { reception, specialist, leader } = officers;
  const act = (auth: string, code: string, body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', auth).send(body).expect(200);
  const callback = (body: object, signWith = secret, to = carrier) => {
    const raw = JSON.stringify(body);
    return api().post(`/api/v1/carrier-callbacks/${to}`).set('content-type', 'application/json').set('x-carrier-signature', signCallback(raw, signWith)).send(raw);
  };
  const shipmentOf = (code: string, ready: (s: Shipment) => boolean, what: string, auth = reception) =>
    eventually(async () => {
      const page = (await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', auth).expect(200)).body as { items: Shipment[] };
      return page.items.length === 1 && ready(page.items[0]) ? page.items[0] : undefined;
    }, 15000, what);
  const caseState = (code: string, state: string) =>
    eventually(async () => {
      const view = (await api().get(`/api/v1/cases/${code}`).set('authorization', reception)).body;
      return view.state === state ? view : undefined;
    }, 15000, `the case to be ${state}`);
  const dossierStatus = (code: string, status: string) =>
    eventually(async () => {
      const view = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', reception)).body;
      return view.status === status ? view : undefined;
    }, 15000, `intake to show ${status}`);
  /** A counter dossier whose result goes by post, taken through processing to its result. */
  const resultByPost = async (): Promise<{ code: string; lookupSecret: string }> => {
    const received = (await api().post('/api/v1/dossiers').set('authorization', reception).send({ ...dossier(), channel: 'counter' }).expect(201)).body;
    const code = received.code as string;
    await caseState(code, 'in_step');
    await act(reception, code, { action: 'forward' });
    await act(specialist, code, { action: 'appraise', opinion: 'Đủ điều kiện' });
    await act(leader, code, { action: 'approve' });
    await act(reception, code, { action: 'issue_result', result: paper });
    return { code, lookupSecret: received.lookupSecret };
  };
  return { act, callback, shipmentOf, caseState, dossierStatus, resultByPost };
}
type Driver = ReturnType<typeof driverFor>;

/** Every event of every service delivered to each of its subscribers (a delivery is marked once the subscriber applied it). */
const drained = (stack: Stack) =>
  eventually(async () => {
    let pending = 0;
    // In the order events flow (postal's news to workflow, workflow's to intake and reporting), so a zero means all of them.
    for (const schema of ['postal', 'workflow', 'intake', 'catalog']) {
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.outbox_deliveries WHERE delivered_at IS NULL`);
      pending += n;
    }
    return pending === 0 ? true : undefined;
  }, 20000, 'every event to reach its subscribers');

describe('public-postal delivery', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let as: Record<'reception' | 'specialist' | 'leader' | 'postal' | 'outsider' | 'citizen', string>;

  let drive: Driver;
  const act: Driver['act'] = (...args) => drive.act(...args);
  const callback: Driver['callback'] = (...args) => drive.callback(...args);
  const shipmentOf: Driver['shipmentOf'] = (...args) => drive.shipmentOf(...args);
  const caseState: Driver['caseState'] = (...args) => drive.caseState(...args);
  const dossierStatus: Driver['dossierStatus'] = (...args) => drive.dossierStatus(...args);
  const resultByPost: Driver['resultByPost'] = () => drive.resultByPost();
  const simulatedCarrier = (behaviour: object) => request(stack.urlOf('postal')).put('/internal/simulated-carrier').set('x-service-token', stack.serviceToken).send(behaviour).expect(200);

  beforeAll(async () => {
    stack = await startStack(
      {
        CARRIER_CALLBACK_SECRET: CALLBACK_SECRET,
        SIMULATED_CARRIER_TICK_MS: '100',
        CARRIER_POLL_MS: '200',
        CARRIER_POLL_STALE_MS: '1500',
        DELIVERY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      },
      { clock },
    );
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.008001')).expect(201);
    as = await signIn(stack, {
      reception: { subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' },
      specialist: { subject: 'specialist.dept', roles: ['specialist'], agencyCodes: [DEPARTMENT] },
      leader: { subject: 'leader.dept', roles: ['leader'], agencyCodes: [DEPARTMENT] },
      postal: { subject: 'vnpost-ha-nam', roles: ['postal'] },
      outsider: { subject: 'reception.other', roles: ['reception'], agencyCodes: ['000.00.09.H56'] },
      citizen: { subject: 'citizen-an', roles: ['citizen'] },
    });
    drive = driverFor(stack, as, CALLBACK_SECRET, 'simulated');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('delivers a result by post by itself, and the dossier shows the result returned', async () => {
    const { code, lookupSecret } = await resultByPost();
    const registered = await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
    expect(registered).toMatchObject({
      kind: 'result_delivery',
      agencyCode: SERVICE_CENTRE,
      carrier: 'simulated',
      trackingNumber: expect.stringMatching(/^SIM\d{9}VN$/),
      postageVnd: 20000,
      codVnd: 20000,
      carrierOrder: null,
      sender: { name: 'Trung tâm Phục vụ hành chính công tỉnh' },
      receiver: { name: 'Nguyễn Thị Hoa', phone: '0987654321', address: { detail: 'Số 5 ngõ 7 đường Lê Lợi', province: 'Hà Nam' } },
      result: { documentNumber: '125/GP-SGTVT', resultKind: 'paper' },
    });
    const [registeredEvent] = await queryDatabase<{ payload: Record<string, unknown> }>(stack.databaseUrl, `SELECT payload FROM postal.outbox_events WHERE type = 'ShipmentRegistered' AND payload->>'dossierCode' = $1`, [code]);
    expect(registeredEvent.payload).toMatchObject({ kind: 'result_delivery', status: 'awaiting_carrier', agencyCode: SERVICE_CENTRE });
    expect(JSON.stringify(registeredEvent.payload)).not.toContain('Nguyễn Thị Hoa');

    clock.advance(DAY + HOUR); // collected, in transit and delivered the next day
    const delivered = await shipmentOf(code, (s) => s.status === 'delivered', 'the delivery');
    expect(delivered.tracking.filter((t) => t.outcome === 'applied').map((t) => t.status)).toEqual(['awaiting_carrier', 'registered', 'collected', 'in_transit', 'delivered']);

    const returned = await dossierStatus(code, 'returned');
    expect(returned.nationalStatusCode).toBe(10);
    const closed = await caseState(code, 'returned');
    expect(closed.dossierStatus).toBe('returned');
    const sheet = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.reception).expect(200)).body;
    expect(sheet.entries.at(-1)).toMatchObject({ action: 'mark_returned', fromOfficer: 'system' });

    // A repeated callback changes nothing.
    const last = delivered.tracking.at(-1)!;
    const again = await callback({ eventId: last.carrierEventId, trackingNumber: delivered.trackingNumber, status: 'delivered', occurredAt: last.at, sequence: 3 }).expect(200);
    expect(again.body).toEqual({ outcome: 'duplicate', shipmentId: delivered.id, status: 'delivered' });
    expect((await api().get(`/api/v1/shipments/${delivered.id}`).set('authorization', as.reception).expect(200)).body.tracking).toHaveLength(delivered.tracking.length);
    const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM postal.outbox_events WHERE type = 'ShipmentStatusChanged' AND payload->>'dossierCode' = $1 AND payload->>'status' = 'delivered'`, [code]);
    expect(n).toBe(1);

    // The applicant's lookup shows the tracking, and nobody's personal data.
    const lookup = (await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200)).body;
    expect(lookup.status).toBe('returned');
    expect(lookup.shipments).toEqual([
      expect.objectContaining({ kind: 'result_delivery', carrier: 'simulated', trackingNumber: delivered.trackingNumber, status: 'delivered', failedAttempts: 0 }),
    ]);
    expect(lookup.shipments[0].tracking.map((t: { status: string }) => t.status)).toEqual(['awaiting_carrier', 'registered', 'collected', 'in_transit', 'delivered']);
    const text = JSON.stringify(lookup);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });

  it('does not let an officer mark a result by post returned before it leaves, unless saying why', async () => {
    const { code } = await resultByPost();
    await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
    const markReturned = (body: object) => api().post(`/api/v1/cases/${code}/actions`).set('authorization', as.reception).send({ action: 'mark_returned', ...body });
    const early = await markReturned({}).expect(409);
    expect(early.body).toMatchObject({ code: 'result-goes-by-post', resultDelivery: 'post' });
    expect((await caseState(code, 'result_ready')).dossierStatus).toBe('processed');
    await dossierStatus(code, 'processed');
    // The applicant came for it in person: the officer says so, and the control sheet keeps it.
    await markReturned({ reason: 'Công dân đến nhận trực tiếp tại bộ phận một cửa' }).expect(200);
    await dossierStatus(code, 'returned');
    const sheet = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.reception).expect(200)).body;
    expect(sheet.entries.at(-1)).toMatchObject({ action: 'mark_returned', fromOfficer: 'reception.centre', result: expect.stringContaining('Công dân đến nhận trực tiếp') });
  });

  it('lets an administrator move a simulated parcel on, so a demonstration shows the whole path', async () => {
    const { code } = await resultByPost();
    const registered = await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
    const move = (auth: string, body: object) => api().post(`/api/v1/shipments/${registered.id}/simulated-moves`).set('authorization', auth).send(body);
    await move(as.reception, { move: 'delivered' }).expect(403);
    expect((await move(stack.adminAuth, { move: 'lost' }).expect(400)).body.errors[0].field).toBe('move');
    const collected = await move(stack.adminAuth, { move: 'collected' }).expect(200);
    expect(collected.body.status).toBe('collected');
    expect((await move(stack.adminAuth, { move: 'collected' }).expect(409)).body.code).toBe('carrier-refused-move');
    const failed = await move(stack.adminAuth, { move: 'failed_delivery' }).expect(200);
    expect(failed.body).toMatchObject({ status: 'failed_delivery', failedAttempts: 1 });
    const delivered = await move(stack.adminAuth, { move: 'delivered' }).expect(200);
    expect(delivered.body.tracking.filter((t: { outcome: string }) => t.outcome === 'applied').map((t: { status: string }) => t.status)).toEqual([
      'awaiting_carrier', 'registered', 'collected', 'in_transit', 'failed_delivery', 'in_transit', 'delivered',
    ]);
    // The case and the dossier follow as with a real carrier, without waiting for the schedule.
    await caseState(code, 'returned');
    await dossierStatus(code, 'returned');
    expect((await move(stack.adminAuth, { move: 'delivered' }).expect(409)).body.code).toBe('carrier-refused-move');
  });

  it('returns the result to the agency after the allowed attempts, and workflow and intake say so', async () => {
    await simulatedCarrier({ deliveries: 'fail' });
    const { code, lookupSecret } = await resultByPost();
    await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
    await simulatedCarrier({ deliveries: 'succeed' });

    clock.advance(DAY + 30 * 60_000); // the first attempt, before the second goes out
    const failed = await shipmentOf(code, (s) => s.status === 'failed_delivery', 'the first failed attempt');
    expect(failed.failedAttempts).toBe(1);
    expect(failed.tracking.at(-1)).toMatchObject({ reported: 'failed_delivery', reasonCode: 'receiver_absent' });
    await caseState(code, 'result_ready');

    clock.advance(MAX_ATTEMPTS * DAY);
    const back = await shipmentOf(code, (s) => s.status === 'returned_to_sender', 'the result back at the agency');
    expect(back.failedAttempts).toBe(MAX_ATTEMPTS);
    const reports = back.tracking.map((t) => `${t.reported}→${t.status}`);
    expect(reports.filter((r) => r.startsWith('failed_delivery'))).toEqual(['failed_delivery→failed_delivery', 'failed_delivery→failed_delivery', 'failed_delivery→returning']);
    // The carrier's own "returning" only repeats what the allowed attempts decided.
    expect(back.tracking.find((t) => t.reported === 'returning')).toMatchObject({ outcome: 'unchanged', status: 'returning' });

    // Workflow: the result stays ready at the counter, the control sheet and the progress say why.
    const sheet = await eventually(async () => {
      const s = (await api().get(`/api/v1/cases/${code}/control-sheet`).set('authorization', as.reception).expect(200)).body;
      return s.entries.at(-1).action === 'postal_return' ? s : undefined;
    }, 15000, 'the control sheet to record the result back');
    expect(sheet.entries.at(-1)).toMatchObject({ toUnit: SERVICE_CENTRE, result: expect.stringContaining('không phát được') });
    expect((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body.state).toBe('result_ready');
    const progress = await eventually(async () => {
      const p = (await api().get(`/api/v1/dossiers/${code}/progress`).set('authorization', as.reception).expect(200)).body.items as Array<{ content: string; nationalStatusCode: number }>;
      return p.at(-1)?.content.includes('Bưu điện không phát được') ? p : undefined;
    }, 15000, 'the progress to say the post could not deliver');
    expect(progress.at(-1)!.nationalStatusCode).toBe(9);
    const lookup = (await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200)).body;
    expect(lookup).toMatchObject({ status: 'processed', shipments: [{ status: 'returned_to_sender', failedAttempts: MAX_ATTEMPTS }] });
    expect(lookup.progress.at(-1).content).toContain('nhận kết quả tại bộ phận một cửa');

    // Reporting: the result was sent by post, and came back to the agency undelivered on the day of the return.
    const fact = await eventually(async () => {
      const [row] = await queryDatabase<{ sent_by_post_at: Date | null; delivered_by_post_at: Date | null; returned_to_agency_by_post_at: Date | null; day: string }>(
        stack.databaseUrl,
        `SELECT sent_by_post_at, delivered_by_post_at, returned_to_agency_by_post_at, to_char(returned_to_agency_by_post_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day
           FROM reporting.dossier_facts WHERE dossier_code = $1`,
        [code],
      );
      return row?.returned_to_agency_by_post_at ? row : undefined;
    }, 15000, 'reporting to count the result back at the agency');
    expect(fact).toMatchObject({ sent_by_post_at: expect.any(Date), delivered_by_post_at: null });
    const returnDay = (await api().get('/api/v1/reports/indicators').query({ from: fact.day, to: fact.day }).set('authorization', stack.adminAuth).expect(200)).body;
    expect(returnDay.total.post.resultsReturnedToAgency).toBe(1);

    // The applicant collects it at the counter.
    await act(as.reception, code, { action: 'mark_returned' });
    await dossierStatus(code, 'returned');
  });

  it('shows the delivery waiting for a carrier that is down, and places the order once it is back', async () => {
    await simulatedCarrier({ available: false });
    try {
      const { code, lookupSecret } = await resultByPost();
      const waiting = await shipmentOf(code, (s) => s.status === 'awaiting_carrier' && (s.carrierOrder?.attempts ?? 0) >= 2, 'the order to be retried');
      expect(waiting).toMatchObject({ trackingNumber: null, carrierOrder: { lastError: expect.stringContaining('down') } });
      const lookup = (await api().get('/api/v1/lookup').query({ code, secret: lookupSecret }).expect(200)).body;
      expect(lookup.shipments).toEqual([expect.objectContaining({ status: 'awaiting_carrier', trackingNumber: null })]);

      await simulatedCarrier({ available: true });
      const placed = await shipmentOf(code, (s) => s.status === 'registered', 'the order to be placed');
      expect(placed.trackingNumber).toMatch(/^SIM/);
      const orders = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM postal.simulated_carrier_orders WHERE reference = $1`, [placed.id]);
      expect(orders[0].n).toBe(1);
    } finally {
      await simulatedCarrier({ available: true });
    }
  });

  it('learns by polling what a carrier that does not call back knows', async () => {
    await simulatedCarrier({ callbacks: false });
    try {
      const { code } = await resultByPost();
      await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
      clock.advance(DAY + HOUR);
      const delivered = await shipmentOf(code, (s) => s.status === 'delivered', 'polling to find the delivery');
      expect(delivered.tracking.filter((t) => t.reported !== 'accepted' && t.source !== 'system').every((t) => t.source === 'poll')).toBe(true);
      await dossierStatus(code, 'returned');
    } finally {
      await simulatedCarrier({ callbacks: true });
    }
  });

  describe('a dossier sent by post', () => {
    const trackingNumber = 'EB000000001VN';
    let pickup: Shipment;
    let collectedAt: Date;
    const register = (auth: string, body: object, key?: string) => {
      const call = api().post('/api/v1/shipments/pickups').set('authorization', auth);
      return (key ? call.set('idempotency-key', key) : call).send(body);
    };
    const pickupBody = (overrides: Record<string, unknown> = {}) => ({
      trackingNumber,
      collectedAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
      parcel: { weightGrams: 350 },
      postageVnd: 25000,
      codVnd: 135000,
      dossier: dossier(),
      ...overrides,
    });
    const report = (eventId: string, status: string, at: Date, extra: Record<string, unknown> = {}) => callback({ eventId, trackingNumber, status, occurredAt: at.toISOString(), ...extra });

    it('is registered by the postal operator once checked against reception rules', async () => {
      collectedAt = new Date(clock.now().getTime() - 2 * HOUR);
      await register(as.reception, pickupBody()).expect(403);
      const incomplete = await register(as.postal, pickupBody({ dossier: dossier({ documents: [{ requirement: 1 }] }) })).expect(422);
      expect(incomplete.body).toMatchObject({ code: 'dossier-not-receivable', missingDocuments: [{ requirement: 2 }] });
      const badPhone = await register(as.postal, pickupBody({ dossier: dossier({ applicant: applicant({ phone: '12' }) }) })).expect(400);
      expect(badPhone.body.errors.map((e: { field: string }) => e.field)).toContain('dossier.applicant.phone');
      const withChannel = await register(as.postal, pickupBody({ dossier: { ...dossier(), channel: 'post' } })).expect(400);
      expect(withChannel.body.errors[0].field).toBe('dossier.channel');
      const negative = await register(as.postal, pickupBody({ postageVnd: -1, codVnd: 1.5 })).expect(400);
      expect(negative.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['codVnd', 'postageVnd']);

      const created = await register(as.postal, pickupBody({ collectedAt: collectedAt.toISOString() }), 'pickup-1').expect(201);
      pickup = created.body;
      expect(pickup).toMatchObject({
        kind: 'dossier_pickup',
        status: 'collected',
        dossierCode: null,
        agencyCode: SERVICE_CENTRE,
        trackingNumber,
        postageVnd: 25000,
        codVnd: 135000,
        sender: { name: 'Nguyễn Văn An', phone: '0912345678', address: APPLICANT.address },
        receiver: { name: 'Trung tâm Phục vụ hành chính công tỉnh' },
        registeredBy: 'vnpost-ha-nam',
      });
      expect(pickup.tracking.map((t) => t.status)).toEqual(['registered', 'collected']);
      const replay = await register(as.postal, pickupBody({ collectedAt: collectedAt.toISOString() }), 'pickup-1').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(pickup.id);
      expect((await register(as.postal, pickupBody()).expect(409)).body.code).toBe('tracking-number-taken');
      // Officers of the receiving agency see it; others do not.
      await api().get(`/api/v1/shipments/${pickup.id}`).set('authorization', as.reception).expect(200);
      await api().get(`/api/v1/shipments/${pickup.id}`).set('authorization', as.outsider).expect(404);
      await api().get(`/api/v1/shipments/${pickup.id}`).set('authorization', as.citizen).expect(403);
      await api().get('/api/v1/shipments').expect(401);
    });

    it('takes signed callbacks once each, never backwards, and refuses bad signatures', async () => {
      const inTransit = new Date(collectedAt.getTime() + HOUR);
      expect((await report('EB1-2', 'in_transit', inTransit, { sequence: 2, location: 'Trung tâm khai thác Hà Nam' }).expect(200)).body).toEqual({ outcome: 'applied', shipmentId: pickup.id, status: 'in_transit' });
      expect((await report('EB1-2', 'in_transit', inTransit, { sequence: 2, location: 'Trung tâm khai thác Hà Nam' }).expect(200)).body.outcome).toBe('duplicate');
      // The carrier's "collected" arrives late: kept in the history, the shipment stays in transit.
      expect((await report('EB1-1', 'collected', new Date(collectedAt.getTime() + 10 * 60_000), { sequence: 1 }).expect(200)).body).toMatchObject({ outcome: 'out_of_order', status: 'in_transit' });

      const forged = await callback({ eventId: 'EB1-9', trackingNumber, status: 'delivered', occurredAt: clock.now().toISOString() }, 'not-the-carrier-secret').expect(401);
      expect(forged.headers['content-type']).toContain('application/problem+json');
      expect(forged.body.code).toBe('invalid-signature');
      const raw = JSON.stringify({ eventId: 'EB1-9', trackingNumber, status: 'delivered', occurredAt: clock.now().toISOString() });
      await api().post('/api/v1/carrier-callbacks/simulated').set('content-type', 'application/json').send(raw).expect(401);
      const tampered = await api()
        .post('/api/v1/carrier-callbacks/simulated')
        .set('content-type', 'application/json')
        .set('x-carrier-signature', signCallback(raw, CALLBACK_SECRET))
        .send(raw.replace('delivered', 'cancelled'))
        .expect(401);
      expect(tampered.body.code).toBe('invalid-signature');
      expect((await callback({ eventId: 'x', trackingNumber, status: 'delivered', occurredAt: clock.now().toISOString() }, CALLBACK_SECRET, 'ghn').expect(404)).body.code).toBe('carrier-not-found');
      expect((await callback({ eventId: 'x', trackingNumber: 'EB999VN', status: 'delivered', occurredAt: clock.now().toISOString() }).expect(404)).body.code).toBe('shipment-not-found');
      expect((await callback({ eventId: 'x', trackingNumber, status: 'lost', occurredAt: clock.now().toISOString() }).expect(400)).body.errors[0].field).toBe('status');

      const view = (await api().get(`/api/v1/shipments/${pickup.id}`).set('authorization', as.reception).expect(200)).body as Shipment;
      expect(view.status).toBe('in_transit');
      expect(view.tracking.map((t) => `${t.reported}:${t.outcome}`)).toEqual(['registered:applied', 'collected:applied', 'in_transit:applied', 'collected:out_of_order']);
    });

    it('is received by intake at the hand-over time when the envelope reaches the agency', async () => {
      const handedOver = new Date(clock.now().getTime() - 30 * 60_000);
      expect((await report('EB1-3', 'delivered', handedOver, { sequence: 3, location: 'Trung tâm Phục vụ hành chính công tỉnh' }).expect(200)).body.status).toBe('delivered');
      await api().post(`/api/v1/shipments/${pickup.id}/handover`).set('authorization', as.outsider).send({}).expect(404);
      const handover = await api().post(`/api/v1/shipments/${pickup.id}/handover`).set('authorization', as.reception).send({}).expect(200);
      expect(handover.body).toMatchObject({ status: 'delivered', dossierCode: expect.stringMatching(/^000\.00\.01\.H56-260\d{3}-\d{4}$/), receivedBy: 'reception.centre' });
      const code = handover.body.dossierCode as string;
      expect(new Date(handover.body.handedOverAt).getTime()).toBe(handedOver.getTime());

      const received = (await api().get(`/api/v1/dossiers/${code}`).set('authorization', as.reception).expect(200)).body;
      expect(received).toMatchObject({ channel: 'post', nationalChannelCode: 3, applicant: { name: 'Nguyễn Văn An' }, resultDelivery: { method: 'post' } });
      expect(new Date(received.receivedAt).getTime()).toBe(handedOver.getTime());
      await caseState(code, 'in_step');
      // Handing over again receives nothing twice.
      const again = await api().post(`/api/v1/shipments/${pickup.id}/handover`).set('authorization', as.reception).send({}).expect(200);
      expect(again.body.dossierCode).toBe(code);
      const [{ n }] = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM intake.dossiers WHERE channel = 'post' AND received_at = $1`, [handedOver]);
      expect(n).toBe(1);

      // The dossier's shipments: for officers by dossier code, for the applicant in the lookup.
      const listed = (await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', as.reception).expect(200)).body;
      expect(listed.items.map((s: Shipment) => s.id)).toEqual([pickup.id]);
      expect((await api().get('/api/v1/shipments').query({ dossierCode: code }).set('authorization', as.outsider).expect(200)).body.items).toEqual([]);
      const lookup = (await api().get('/api/v1/lookup').query({ code, secret: received.lookupSecret }).expect(200)).body;
      expect(lookup.shipments).toEqual([expect.objectContaining({ kind: 'dossier_pickup', trackingNumber, status: 'delivered' })]);
      expect(lookup.shipments[0].tracking.map((t: { status: string }) => t.status)).toEqual(['registered', 'collected', 'in_transit', 'delivered']);
      const text = JSON.stringify(lookup);
      for (const personal of PERSONAL) expect(text).not.toContain(personal);
    });

    it('refuses impossible transitions with a 409 naming the status', async () => {
      const cancel = await api().post(`/api/v1/shipments/${pickup.id}/cancellation`).set('authorization', as.reception).send({ reason: 'Nhầm' }).expect(409);
      expect(cancel.headers['content-type']).toContain('application/problem+json');
      expect(cancel.body).toMatchObject({ code: 'transition-not-allowed', currentStatus: 'delivered' });
      const late = await report('EB1-4', 'in_transit', clock.now(), { sequence: 4 }).expect(409);
      expect(late.body).toMatchObject({ code: 'transition-not-allowed', currentStatus: 'delivered' });

      // A collected dossier is with the postal worker already: it is not cancelled, and not handed over in the future.
      const other = (await register(as.postal, pickupBody({ trackingNumber: 'EB000000002VN' })).expect(201)).body as Shipment;
      await api().post(`/api/v1/shipments/${other.id}/cancellation`).set('authorization', as.postal).send({ reason: 'Đăng ký nhầm' }).expect(409);
      const operatorCollected = await api().post(`/api/v1/shipments/${other.id}/handover`).set('authorization', as.postal).send({ handedOverAt: new Date(clock.now().getTime() + DAY).toISOString() }).expect(422);
      expect(operatorCollected.body.code).toBe('invalid-handover-time');
    });
  });

  it('cancels a result delivery before the carrier collects it, and not after', async () => {
    const { code } = await resultByPost();
    const registered = await shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the delivery');
    await api().post(`/api/v1/shipments/${registered.id}/cancellation`).set('authorization', as.postal).send({ reason: 'x' }).expect(403);
    await api().post(`/api/v1/shipments/${registered.id}/cancellation`).set('authorization', as.reception).send({}).expect(400);
    const cancelled = await api().post(`/api/v1/shipments/${registered.id}/cancellation`).set('authorization', as.reception).send({ reason: 'Công dân đến nhận tại bộ phận một cửa' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', tracking: expect.arrayContaining([expect.objectContaining({ reported: 'cancelled', source: 'officer', actor: 'reception.centre' })]) });
    const again = await api().post(`/api/v1/shipments/${registered.id}/cancellation`).set('authorization', as.reception).send({ reason: 'Lần nữa' }).expect(409);
    expect(again.body).toMatchObject({ code: 'transition-not-allowed', currentStatus: 'cancelled' });
    expect(again.headers['x-audit-dossier']).toBeUndefined();
    // The audit log ties the shipment's cancellations (the path has its id only) to the dossier,
    // refused ones included, and names each case action; no bodies (the reasons) in it.
    const cancellation = `/api/v1/shipments/${registered.id}/cancellation`;
    const audited = await eventually(async () => {
      const items = (await api().get('/api/v1/audit').query({ dossierCode: code, limit: 50 }).set('authorization', stack.adminAuth).expect(200)).body.items as Array<{ path: string; action: string | null; status: number; actor: string }>;
      return items.filter((e) => e.path === cancellation).length === 3 ? items.reverse() : undefined;
    }, 5000, 'the cancellations to be audited');
    expect(audited.filter((e) => e.path === cancellation).map((e) => [e.actor, e.status])).toEqual([['vnpost-ha-nam', 403], ['reception.centre', 200], ['reception.centre', 409]]);
    expect(audited.filter((e) => e.path === `/api/v1/cases/${code}/actions`).map((e) => e.action)).toEqual(['forward', 'appraise', 'approve', 'issue_result']);
    expect(JSON.stringify(audited)).not.toMatch(/Công dân đến nhận|Lần nữa|Đủ điều kiện/);
    // The simulated carrier took the cancellation: the parcel never moves.
    clock.advance(DAY + HOUR);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await api().get(`/api/v1/shipments/${registered.id}`).set('authorization', as.reception).expect(200)).body.status).toBe('cancelled');
    expect((await api().get(`/api/v1/cases/${code}`).set('authorization', as.reception).expect(200)).body.state).toBe('result_ready');
  });
});

/**
 * The outside world faked: a real carrier's API (orders deduplicated by Idempotency-Key, events
 * per parcel) that can be down, and postal configured for it (CARRIER=http).
 */
class FakeCarrierApi {
  readonly server: Server;
  down = true;
  readonly orders = new Map<string, { trackingNumber: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }>();
  orderCalls = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const answer = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        if (req.headers.authorization !== 'Bearer fake-carrier-key') return answer(401, { error: 'who are you' });
        if (this.down) return answer(503, { error: 'maintenance' });
        if (req.method === 'POST' && req.url === '/v1/orders') {
          this.orderCalls++;
          const key = String(req.headers['idempotency-key']);
          const order = this.orders.get(key) ?? { trackingNumber: `EB${String(100000001 + this.orders.size)}VN`, body: JSON.parse(body) as Record<string, unknown>, headers: req.headers };
          this.orders.set(key, order);
          return answer(201, { trackingNumber: order.trackingNumber, postageVnd: 27000, acceptedAt: new Date().toISOString() });
        }
        const events = /^\/v1\/orders\/([^/]+)\/events$/.exec(req.url ?? '');
        if (req.method === 'GET' && events) return answer(200, { events: [] });
        return answer(404, { error: 'no such route' });
      });
    });
  }
}

describe('public-postal delivery with a real carrier\'s API', () => {
  const SECRET = 'the-real-carrier-callback-secret';
  const fake = new FakeCarrierApi();
  let stack: Stack;
  let drive: Driver;
  let reception: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    stack = await startStack({
      CARRIER: 'http',
      CARRIER_CODE: 'vnpost',
      CARRIER_URL: `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`,
      CARRIER_API_KEY: 'fake-carrier-key',
      CARRIER_CALLBACK_SECRET: SECRET,
    });
    await seedCatalogBasics(stack);
    await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.008001')).expect(201);
    reception = await stack.tokenFor({ subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
    const specialist = await stack.tokenFor({ subject: 'specialist.dept', roles: ['specialist'], agencyCodes: [DEPARTMENT] });
    const leader = await stack.tokenFor({ subject: 'leader.dept', roles: ['leader'], agencyCodes: [DEPARTMENT] });
    drive = driverFor(stack, { reception, specialist, leader }, SECRET, 'vnpost');
  });

  afterAll(async () => {
    await stack?.close();
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('orders from the carrier once it is back, and follows its signed callbacks to the result returned', async () => {
    const { code } = await drive.resultByPost();
    const waiting = await drive.shipmentOf(code, (s) => s.status === 'awaiting_carrier' && (s.carrierOrder?.attempts ?? 0) >= 2, 'the order to be retried');
    expect(waiting.carrierOrder?.lastError).toContain('HTTP 503');

    fake.down = false;
    const placed = await drive.shipmentOf(code, (s) => s.status === 'registered', 'the carrier to accept the order');
    expect(placed).toMatchObject({ carrier: 'vnpost', trackingNumber: 'EB100000001VN', postageVnd: 27000, codVnd: 27000 });
    const order = fake.orders.get(placed.id)!;
    expect(order.headers).toMatchObject({ authorization: 'Bearer fake-carrier-key', 'idempotency-key': placed.id });
    expect(order.body).toMatchObject({ orderNumber: code, kind: 'result_delivery', receiver: { name: 'Nguyễn Thị Hoa', phone: '0987654321' }, postagePaidByReceiver: true });
    expect(fake.orders.size).toBe(1);

    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const collected = at(1);
    const inTransit = at(2);
    const delivered = at(3);
    const lateScan = at(2.5);
    const report = (eventId: string, status: string, occurredAt: string) => drive.callback({ eventId, trackingNumber: placed.trackingNumber, status, occurredAt });
    const outcome = async (eventId: string, status: string, occurredAt: string) => (await report(eventId, status, occurredAt).expect(200)).body.outcome as string;
    // Every callback twice, and out of order: the transit scan before the collection, a hub's scan after the delivery.
    expect(await outcome('V-2', 'in_transit', inTransit)).toBe('applied');
    expect(await outcome('V-1', 'collected', collected)).toBe('out_of_order');
    expect(await outcome('V-2', 'in_transit', inTransit)).toBe('duplicate');
    expect(await outcome('V-1', 'collected', collected)).toBe('duplicate');
    // Signed for another carrier, or with the simulated carrier's path: refused.
    await drive.callback({ eventId: 'V-3', trackingNumber: placed.trackingNumber, status: 'delivered', occurredAt: delivered }, SECRET, 'simulated').expect(404);
    await drive.callback({ eventId: 'V-3', trackingNumber: placed.trackingNumber, status: 'delivered', occurredAt: delivered }, 'another-secret-altogether').expect(401);
    expect((await report('V-3', 'delivered', delivered).expect(200)).body.status).toBe('delivered');
    expect(await outcome('V-4', 'in_transit', lateScan)).toBe('out_of_order');
    expect(await outcome('V-3', 'delivered', delivered)).toBe('duplicate');
    expect(await outcome('V-4', 'in_transit', lateScan)).toBe('duplicate');
    await drive.caseState(code, 'returned');
    await drive.dossierStatus(code, 'returned');

    // Once every delivery has drained, each real status change was announced once, and workflow
    // and reporting applied each announcement once: nothing lost, nothing applied twice.
    await drained(stack);
    const view = (await request(stack.gatewayUrl).get(`/api/v1/shipments/${placed.id}`).set('authorization', reception).expect(200)).body as Shipment;
    const applied = view.tracking.filter((t) => t.outcome === 'applied').map((t) => t.status);
    expect(applied).toEqual(['awaiting_carrier', 'registered', 'in_transit', 'delivered']);
    expect(view.tracking.filter((t) => t.outcome === 'out_of_order').map((t) => t.reported)).toEqual(['collected', 'in_transit']);
    const changes = await queryDatabase<{ id: string; change: string; sequence: number }>(
      stack.databaseUrl,
      `SELECT id, (payload->>'previousStatus') || '→' || (payload->>'status') AS change, (payload->>'sequence')::int AS sequence
         FROM postal.outbox_events WHERE type = 'ShipmentStatusChanged' AND payload->>'shipmentId' = $1 ORDER BY seq`,
      [placed.id],
    );
    expect(changes.map((c) => c.change)).toEqual(['awaiting_carrier→registered', 'registered→in_transit', 'in_transit→delivered']);
    expect(changes.map((c) => c.sequence)).toEqual([1, 2, 3]);
    const [registration] = await queryDatabase<{ id: string }>(stack.databaseUrl, `SELECT id FROM postal.outbox_events WHERE type = 'ShipmentRegistered' AND payload->>'shipmentId' = $1`, [placed.id]);
    const deliveredEvent = changes[2].id;
    const count = async (sql: string, params: unknown[]) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql, params))[0].n;

    // Workflow: one inbox row per status change, the result marked returned once (one control-sheet row, one status change).
    expect(await count(`SELECT count(*)::int AS n FROM workflow.inbox_events WHERE event_id = ANY($1::uuid[])`, [changes.map((c) => c.id)])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM workflow.inbox_events WHERE event_id = $1`, [deliveredEvent])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM workflow.handovers WHERE dossier_code = $1 AND action = 'mark_returned'`, [code])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM workflow.outbox_events WHERE type = 'DossierStatusChanged' AND payload->>'dossierCode' = $1 AND payload->>'status' = 'returned'`, [code])).toBe(1);

    // Reporting: each of postal's events applied once; the result sent and delivered by post counted once, on its fact and in the roll-ups.
    expect(await count(`SELECT count(*)::int AS n FROM reporting.inbox_events WHERE event_id = ANY($1::uuid[])`, [[registration.id, ...changes.map((c) => c.id)]])).toBe(4);
    const [fact] = await queryDatabase<{ sent_by_post_at: Date; delivered_by_post_at: Date; applied: Array<[string, string, number]>; day: string }>(
      stack.databaseUrl,
      `SELECT sent_by_post_at, delivered_by_post_at, applied, to_char(delivered_by_post_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM reporting.dossier_facts WHERE dossier_code = $1`,
      [code],
    );
    expect(new Date(fact.delivered_by_post_at).toISOString()).toBe(delivered);
    expect(fact.sent_by_post_at).not.toBeNull();
    expect(fact.applied.filter(([, measure]) => measure === 'results_delivered_by_post')).toEqual([[fact.day, 'results_delivered_by_post', 1]]);
    expect(fact.applied.filter(([, measure]) => measure === 'results_sent_by_post')).toHaveLength(1);
    // The only dossier of this stack: every roll-up grain counts it once, and its day's row says so.
    const rollup = await queryDatabase<{ grain: string; delivered: number; sent: number }>(
      stack.databaseUrl,
      `SELECT grain, sum(results_delivered_by_post)::int AS delivered, sum(results_sent_by_post)::int AS sent FROM reporting.dossier_rollup GROUP BY grain ORDER BY grain`,
    );
    expect(rollup).toEqual(['D', 'M', 'Q', 'T', 'Y'].map((grain) => ({ grain, delivered: 1, sent: 1 })));
    expect(await count(`SELECT sum(results_delivered_by_post)::int AS n FROM reporting.dossier_rollup WHERE grain = 'D' AND period_start = $1::date`, [fact.day])).toBe(1);
    const indicators = (await request(stack.gatewayUrl).get('/api/v1/reports/indicators').query({ from: fact.day, to: fact.day }).set('authorization', stack.adminAuth).expect(200)).body;
    expect(indicators.total.post).toMatchObject({ resultsDelivered: 1, resultsReturnedToAgency: 0, resultsDeliveredByPost: { numerator: 1 } });
  });
});
