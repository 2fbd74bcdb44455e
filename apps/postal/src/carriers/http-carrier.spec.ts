import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CarrierOrder } from './carrier.js';
import { CarrierRefusedError, CarrierUnavailableError } from './carrier.js';
import { HttpCarrier } from './http-carrier.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny carrier API: orders deduplicated by Idempotency-Key, cancellation until collected, events. */
class FakeCarrier {
  server: Server;
  seen: Seen[] = [];
  failWith: number | null = null;
  slowMs = 0;
  orders = new Map<string, { trackingNumber: string; collected: boolean }>();

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const answer = (status: number, payload?: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(payload === undefined ? '' : JSON.stringify(payload));
        };
        setTimeout(() => {
          if (req.headers.authorization !== 'Bearer carrier-api-key') return answer(401, { error: 'unauthorised' });
          if (this.failWith) return answer(this.failWith, { error: 'failing' });
          const cancel = /^\/api\/orders\/([^/]+)\/cancellation$/.exec(req.url!);
          const events = /^\/api\/orders\/([^/]+)\/events$/.exec(req.url!);
          if (req.method === 'POST' && req.url === '/api/orders') {
            const key = String(req.headers['idempotency-key']);
            const order = JSON.parse(body) as CarrierOrder;
            if (!order.receiver.address.detail) return answer(422, { error: 'no address' });
            const existing = this.orders.get(key) ?? { trackingNumber: `EB${100000000 + this.orders.size}VN`, collected: false };
            this.orders.set(key, existing);
            return answer(201, { trackingNumber: existing.trackingNumber, postageVnd: 27000, acceptedAt: '2026-03-20T10:00:05+07:00' });
          }
          if (req.method === 'POST' && cancel) {
            const order = [...this.orders.values()].find((o) => o.trackingNumber === cancel[1]);
            if (!order) return answer(404, { error: 'unknown' });
            return order.collected ? answer(409, { error: 'collected already' }) : answer(204);
          }
          if (req.method === 'GET' && events) {
            return answer(200, {
              events: [
                { eventId: 'E2', status: 'in_transit', occurredAt: '2026-03-20T13:00:00+07:00', sequence: 2, location: 'Trung tâm khai thác Hà Nam' },
                { eventId: 'E1', status: 'collected', occurredAt: '2026-03-20T11:00:00+07:00', sequence: 1 },
                { eventId: 'E3', status: 'failed_delivery', occurredAt: '2026-03-21T09:00:00+07:00', reasonCode: 'receiver_absent', reason: 'Vắng nhà' },
                { eventId: 'E4', status: 'teleported', occurredAt: '2026-03-21T10:00:00+07:00' },
                { status: 'delivered', occurredAt: '2026-03-21T10:00:00+07:00' },
              ],
            });
          }
          return answer(404, { error: 'no route' });
        }, this.slowMs);
      });
    });
  }
}

const order: CarrierOrder = {
  reference: '6f1c2a8e-5b7d-4c1e-9a3f-2d4e6b8a0c1f',
  orderNumber: '000.00.01.H56-260316-0001',
  kind: 'result_delivery',
  sender: { name: 'Trung tâm Phục vụ hành chính công tỉnh', phone: null, address: { detail: 'Số 1 đường Lê Hoàn, Phủ Lý', commune: null, province: null } },
  receiver: { name: 'Nguyễn Văn An', phone: '0912345678', address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' } },
  parcel: { description: 'Kết quả giải quyết TTHC', weightGrams: 200 },
  codVnd: 0,
  postagePaidByReceiver: true,
};

describe('the HTTP carrier adapter, against a fake carrier', () => {
  const fake = new FakeCarrier();
  let carrier: HttpCarrier;

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    carrier = new HttpCarrier({ code: 'vnpost', baseUrl: `http://127.0.0.1:${port}/api`, apiKey: 'carrier-api-key', callbackSecret: 'callback-secret-0123456789', timeoutMs: 300 });
  });

  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 400)); // the slow answer of the timeout case
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  beforeEach(() => {
    fake.seen = [];
    fake.failWith = null;
    fake.slowMs = 0;
  });

  it('creates an order with its credential and the shipment id as Idempotency-Key, once however often it is retried', async () => {
    const first = await carrier.createOrder(order);
    const again = await carrier.createOrder(order);
    expect(first).toEqual({ trackingNumber: 'EB100000000VN', postageVnd: 27000, acceptedAt: new Date('2026-03-20T03:00:05Z') });
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(fake.seen[0]).toMatchObject({ method: 'POST', url: '/api/orders', headers: { authorization: 'Bearer carrier-api-key', 'idempotency-key': order.reference, 'content-type': 'application/json' } });
    expect(JSON.parse(fake.seen[0].body)).toMatchObject({ orderNumber: order.orderNumber, receiver: { phone: '0912345678' }, postagePaidByReceiver: true });
  });

  it('says the carrier is unavailable on a 5xx, a 429, a timeout or no server, and refused on another 4xx', async () => {
    fake.failWith = 503;
    await expect(carrier.createOrder(order)).rejects.toBeInstanceOf(CarrierUnavailableError);
    fake.failWith = 429;
    await expect(carrier.createOrder(order)).rejects.toBeInstanceOf(CarrierUnavailableError);
    fake.failWith = null;
    fake.slowMs = 600;
    await expect(carrier.createOrder(order)).rejects.toBeInstanceOf(CarrierUnavailableError);
    fake.slowMs = 0;
    await expect(carrier.createOrder({ ...order, reference: 'other', receiver: { ...order.receiver, address: { ...order.receiver.address, detail: '' } } })).rejects.toBeInstanceOf(CarrierRefusedError);
    const nowhere = new HttpCarrier({ code: 'vnpost', baseUrl: 'http://127.0.0.1:1/api', apiKey: 'carrier-api-key', callbackSecret: 'x'.repeat(16), timeoutMs: 300 });
    await expect(nowhere.createOrder(order)).rejects.toBeInstanceOf(CarrierUnavailableError);
  });

  it('cancels until the parcel is collected', async () => {
    const { trackingNumber } = await carrier.createOrder(order);
    await expect(carrier.cancel(trackingNumber, 'Công dân nhận tại quầy')).resolves.toBeUndefined();
    expect(fake.seen.at(-1)).toMatchObject({ method: 'POST', url: `/api/orders/${trackingNumber}/cancellation` });
    expect(JSON.parse(fake.seen.at(-1)!.body)).toEqual({ reason: 'Công dân nhận tại quầy' });
    [...fake.orders.values()][0].collected = true;
    await expect(carrier.cancel(trackingNumber, 'x')).rejects.toBeInstanceOf(CarrierRefusedError);
  });

  it('tracks a shipment, keeping the events it understands', async () => {
    const reports = await carrier.track('EB100000000VN');
    expect(fake.seen[0]).toMatchObject({ method: 'GET', url: '/api/orders/EB100000000VN/events' });
    expect(reports.map((r) => r.eventId)).toEqual(['E2', 'E1', 'E3']);
    expect(reports[2]).toEqual({
      eventId: 'E3',
      trackingNumber: 'EB100000000VN',
      status: 'failed_delivery',
      occurredAt: new Date('2026-03-21T02:00:00Z'),
      sequence: null,
      reasonCode: 'receiver_absent',
      reason: 'Vắng nhà',
      location: null,
    });
  });
});
