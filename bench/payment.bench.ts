import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { type FakeService, startServiceUnderTest, type ServiceUnderTest } from '@onestop/platform/testing';
import { PaymentModule } from '../apps/payment/src/payment.module.js';
import { dossierReceived } from '../test/fixtures/events.js';
import { benchServer } from './lib/postgres.js';
import { record, sampleMemory } from './lib/report.js';

/** Dossiers paid in each run. */
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 400);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECRET_KEY = 'bench-paygov-shared-key-0123456789';
const PARTNER = 'ONESTOP-BENCH';
const FEE = 135_000;
const RESULT_ORDER = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'];

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/** The platform's signed result of a payment of `reference`, as PayGov calls back. */
function result(reference: string, transactionId: string): string {
  const message: Record<string, string> = {
    LoaiBanTin: 'PAY',
    MaLoi: '00',
    MaDoiTac: PARTNER,
    MaThamChieu: reference,
    SoTien: String(FEE),
    MaTienTe: 'VND',
    MaGiaoDich: transactionId,
    MaNganHang: 'VCB',
    ThoiGianGD: '20260316100612',
    ThongTinGiaoDich: 'Thanh toan',
  };
  message.MaXacThuc = createHash('sha256').update([...RESULT_ORDER.map((f) => message[f]), SECRET_KEY].join('|')).digest('hex');
  return JSON.stringify(message);
}

/** `count` requests, `CONNECTIONS` at a time: per second, latencies and statuses. */
async function run(name: string, count: number, send: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) {
        const i = next++;
        const at = performance.now();
        const response = await send(i);
        await response.arrayBuffer();
        latencies.push(performance.now() - at);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, requests: count, seconds: round(seconds, 2), perSecond: Math.round(count / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), statuses };
}

/**
 * Payment's throughput against a fake national payment platform on a real port (answers INIT
 * with a page address): dossiers' bills opened on the platform (INIT), then the platform's signed
 * callbacks settled, each a payment recorded once with its receipt numbered from the agency's
 * locked counter row and FeePaid in the outbox; then the same callbacks again (duplicates, which
 * change nothing). Bills of one agency (every receipt serialised on one counter row) and of ten.
 */
export async function runPayment(): Promise<void> {
  const memory = sampleMemory();
  const server = await benchServer();
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  const paygov: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const reference = String((JSON.parse(body) as { MaThamChieu?: string }).MaThamChieu ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: '0', message: JSON.stringify({ UrlThanhToan: `https://pay.test/${reference}` }) }));
    });
  });
  await new Promise<void>((resolve) => paygov.listen(0, '127.0.0.1', resolve));
  const platformUrl = `http://127.0.0.1:${(paygov.address() as AddressInfo).port}`;
  const catalog: FakeService = (request) =>
    request.path.startsWith('/api/v1/procedures/') ? { body: { procedure: { fees: [{ code: 'LP-1', name: 'Lệ phí cấp giấy phép lái xe', kind: 'charge', amountVnd: FEE, due: 'at_submission' }] } } } : undefined;
  const intake: FakeService = (request) => {
    if (request.path.endsWith('/payer')) return { body: { name: 'Nguyễn Văn An', idNumber: '001085012345' } };
    if (request.path === '/api/v1/lookup') return { body: {} };
    return undefined;
  };
  let payment: ServiceUnderTest | undefined;
  let db: pg.Pool | undefined;
  try {
    payment = await startServiceUnderTest(PaymentModule, {
      service: 'payment',
      fakes: { catalog, intake },
      settings: {
        LOG_LEVEL: 'error',
        PAYMENT_PLATFORM: 'paygov',
        PAYGOV_PARTNER_CODE: PARTNER,
        PAYGOV_SECRET_KEY: SECRET_KEY,
        PAYGOV_INIT_URL: `${platformUrl}/init`,
        PAYGOV_STATUS_URL: `${platformUrl}/status`,
        PAYGOV_RECONCILIATION_URL: `${platformUrl}/reconciliation`,
        PAYMENT_POLL_MS: '600000',
        OUTBOX_POLL_MS: '500',
      },
    });
    db = new pg.Pool({ connectionString: payment.databaseUrl, max: 2 });
    const api = `${payment.url}/api/v1`;
    const runs = [];
    for (const agencies of [1, 10]) {
      const codes = Array.from({ length: PAYMENTS }, (_, i) => `000.00.${String(10 + (i % agencies)).padStart(2, '0')}.H56-260316-${String(i).padStart(4, '0')}`);
      for (const code of codes) {
        const delivered = await payment.deliver({ type: 'DossierReceived', source: 'intake', payload: dossierReceived(code, { receivingAgencyCode: code.slice(0, 13) }) });
        if (delivered.status !== 200) throw new Error(`DossierReceived of ${code}: HTTP ${delivered.status}`);
      }
      const references: string[] = new Array<string>(PAYMENTS);
      const init = await run(`INIT (${agencies} agencies)`, PAYMENTS, async (i) => {
        const response = await fetch(`${api}/payments/dossiers/${codes[i]}/online?secret=Q7MK3XHP9T2D`, { method: 'POST' });
        const clone = response.clone();
        if (response.status === 200) references[i] = ((await clone.json()) as { reference: string }).reference;
        return response;
      });
      const callbacks = await run(`callbacks settled (${agencies} agencies)`, PAYMENTS, (i) =>
        fetch(`${api}/payment-callbacks/paygov`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: result(references[i], `PG${agencies}-${i}`) }),
      );
      const duplicates = await run(`the same callbacks again (${agencies} agencies)`, PAYMENTS, (i) =>
        fetch(`${api}/payment-callbacks/paygov`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: result(references[i], `PG${agencies}-${i}`) }),
      );
      const { rows } = await db.query<{ payments: number; receipts: number; gaps: number }>(
        `SELECT (SELECT count(*)::int FROM payment.payments WHERE NOT duplicate AND dossier_code = ANY($1)) AS payments,
                (SELECT count(*)::int FROM payment.receipts WHERE dossier_code = ANY($1)) AS receipts,
                (SELECT count(*)::int FROM (SELECT agency_code, year, max(serial) - count(*) AS gap FROM payment.receipts GROUP BY 1, 2) g WHERE gap <> 0) AS gaps`,
        [codes],
      );
      if (rows[0].payments !== PAYMENTS || rows[0].receipts !== PAYMENTS || rows[0].gaps !== 0) throw new Error(`recorded ${JSON.stringify(rows[0])} for ${PAYMENTS} payments (${JSON.stringify({ init, callbacks })})`);
      runs.push({ agencies, init, callbacks, duplicates, recorded: rows[0] });
    }
    await record('payment', { settings: { payments: PAYMENTS, connections: CONNECTIONS }, runs, memory: memory.stop() });
  } finally {
    await db?.end();
    await payment?.close();
    await new Promise((resolve) => paygov.close(resolve));
    await server.stop();
  }
}
