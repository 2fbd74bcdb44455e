import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { HttpSmsProvider } from '../apps/notification/src/providers/http-sms.provider.js';
import { HttpZaloProvider } from '../apps/notification/src/providers/http-zalo.provider.js';
import type { MessageProvider, OutgoingMessage } from '../apps/notification/src/providers/message-provider.js';
import { SmtpEmailProvider } from '../apps/notification/src/providers/smtp-email.provider.js';
import { type Stack, startStack } from '../test/stack.js';
import { providerSettings, startFakeProvider, startSmtpServer } from '../test/fixtures/message-providers.js';
import { SERVICE_CENTRE } from '../test/fixtures/catalog.js';
import { DOSSIER } from './intake-submission.bench.js';
import { prepareCatalog } from './lib/catalog.js';
import { waitFor } from './lib/outbox.js';
import { benchServer } from './lib/postgres.js';
import { loadRun, record, sampleMemory } from './lib/report.js';

/** Messages sent straight through each adapter. */
const ADAPTER_MESSAGES = Number(process.env.BENCH_NOTIFICATION_MESSAGES ?? 2000);
/** Dossiers received in the burst, each making an SMS and an email. */
const BURST = Number(process.env.BENCH_NOTIFICATION_BURST ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Sends in flight at once in the adapter run: as the dispatcher sends a round (8 at a time). */
const PARALLEL = 8;
const PROCEDURE = '1.006301';
const RECEIPT_SECRET = 'bench-receipt-secret-0123456789';

/** The services' production defaults for the outbox and the client; no quiet hours, so the figures do not depend on the hour. */
const SETTINGS = { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '500', OUTBOX_MAX_BACKOFF_MS: '60000', HTTP_TIMEOUT_MS: '5000', QUIET_HOURS: 'off' };

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/** `count` messages through one adapter, `PARALLEL` at a time: messages per second and per-send latency. */
async function throughAdapter(provider: MessageProvider, count: number, message: (i: number) => OutgoingMessage) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) {
        const i = next++;
        const at = performance.now();
        await provider.send(message(i));
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { adapter: `${provider.channel} (${provider.kind})`, messages: count, seconds: round(seconds, 2), messagesPerSecond: Math.round(count / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

/**
 * Notification's two figures: how many messages a second each adapter sends (SMTP to a real
 * SMTP server, the HTTP adapters to fake SMS and Zalo gateways, all on this machine), and how far
 * behind the events the messages go when a burst of dossiers is received through the gateway:
 * from each dossier's reception (intake's row) to its SMS and email leaving notification.
 */
export async function runNotification(): Promise<void> {
  const memory = sampleMemory();
  const smtp = await startSmtpServer({ parse: false });
  const sms = await startFakeProvider('sms');
  const zalo = await startFakeProvider('zalo');
  const server = await benchServer();
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  let stack: Stack | undefined;
  let db: pg.Pool | undefined;
  try {
    // 1. The adapters alone.
    const body = 'Kính gửi Ông/Bà Nguyễn Văn An,\n\nHồ sơ 000.00.01.H56-260316-0001 (Cấp đổi giấy phép lái xe) đã được tiếp nhận. Mã tra cứu: Q7MK3XHP9T2D. Ngày hẹn trả kết quả: 10:00 30/03/2026.';
    const outgoing = (recipient: string) => (i: number): OutgoingMessage => ({
      reference: randomUUID(),
      recipient,
      subject: `Hồ sơ 000.00.01.H56-260316-${String(i).padStart(4, '0')} đã được tiếp nhận`,
      body,
      providerTemplateId: 'onestop_dossier_received',
      templateData: { dossierCode: '000.00.01.H56-260316-0001' },
    });
    const email = new SmtpEmailProvider({ url: smtp.url, from: 'Một cửa điện tử <no-reply@motcua.gov.vn>', timeoutMs: 5000 });
    const adapters = [
      await throughAdapter(email, ADAPTER_MESSAGES, outgoing('an.nguyen@example.vn')),
      await throughAdapter(new HttpSmsProvider({ baseUrl: sms.url, apiKey: 'sms-api-key-for-tests', brandName: 'MOTCUA', timeoutMs: 5000 }), ADAPTER_MESSAGES, outgoing('0912345678')),
      await throughAdapter(new HttpZaloProvider({ baseUrl: zalo.url, accessToken: 'zalo-token-for-tests', timeoutMs: 5000 }), ADAPTER_MESSAGES, outgoing('0912345678')),
    ];
    await email.close();
    if (smtp.count() < ADAPTER_MESSAGES) throw new Error(`the SMTP server received ${smtp.count()} of ${ADAPTER_MESSAGES}`);

    // 2. A burst of receptions through the whole system, with the real adapters.
    stack = await startStack({ ...SETTINGS, ...providerSettings(smtp.url, sms.url, zalo.url, RECEIPT_SECRET) });
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
    await prepareCatalog(stack, PROCEDURE);
    const reception = await stack.tokenFor({ subject: 'bench-reception', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Cán bộ một cửa' });
    const burst = await loadRun('receive a burst of dossiers', `${stack.gatewayUrl}/api/v1/dossiers`, {
      method: 'POST',
      connections: CONNECTIONS,
      amount: BURST,
      headers: { authorization: reception, 'content-type': 'application/json', 'idempotency-key': 'bench-notification-[<id>]' },
      body: JSON.stringify({ ...DOSSIER, procedureCode: PROCEDURE }),
      idReplacement: true,
    });
    const received = burst.statusCodes['201'] ?? 0;
    if (received < BURST) throw new Error(`${received} of ${BURST} dossiers received (${JSON.stringify(burst.statusCodes)})`);
    const burstEnded = burst.lastResponseAt ?? burst.finishedAt;
    // Only notification's deliveries are waited for: another subscriber's backlog is not this scenario's.
    await waitFor('every reception SMS and email sent', async () => {
      const { rows } = await db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification.messages WHERE kind = 'dossier_received' AND status IN ('sent', 'delivered')`);
      return rows[0].n >= 2 * BURST ? true : undefined;
    }).catch(async (error: unknown) => {
      const { rows } = await db!.query(
        `SELECT d.subscriber, count(*) FILTER (WHERE d.delivered_at IS NULL)::int AS pending, max(d.last_error) AS last_error FROM intake.outbox_deliveries d GROUP BY d.subscriber`,
      );
      const { rows: messages } = await db!.query(`SELECT status, count(*)::int AS n, max(last_error) AS last_error FROM notification.messages GROUP BY status`);
      process.stderr.write(`deliveries: ${JSON.stringify(rows)}\nmessages: ${JSON.stringify(messages)}\n`);
      throw error;
    });
    const { rows } = await db.query<{ channel: string; lag_ms: number; sent_at: Date }>(
      `SELECT m.channel, extract(epoch FROM m.sent_at - d.created_at) * 1000 AS lag_ms, m.sent_at
         FROM notification.messages m JOIN intake.dossiers d ON d.code = m.dossier_code
        WHERE m.kind = 'dossier_received'`,
    );
    // A send the provider took but answered too late for the client is sent again: the SMS and
    // Zalo gateways take the repeat as the same message (its reference), SMTP cannot tell.
    const { rows: retried } = await db.query<{ channel: string; n: number }>(
      `SELECT channel, count(*) FILTER (WHERE attempts > 1)::int AS n FROM notification.messages WHERE kind = 'dossier_received' GROUP BY channel`,
    );
    const lagOf = (channel: string) => {
      const lags = rows.filter((r) => r.channel === channel).map((r) => Number(r.lag_ms)).sort((a, b) => a - b);
      return { messages: lags.length, p50Ms: Math.round(percentile(lags, 50)), p99Ms: Math.round(percentile(lags, 99)), maxMs: Math.round(lags[lags.length - 1] ?? 0) };
    };
    const lastSent = Math.max(...rows.map((r) => new Date(r.sent_at).getTime()));
    const burstSeconds = (burstEnded.getTime() - burst.startedAt.getTime()) / 1000;
    const totalSeconds = (lastSent - burst.startedAt.getTime()) / 1000;
    await record('notification', {
      settings: { adapterMessages: ADAPTER_MESSAGES, parallelSends: PARALLEL, burst: BURST, connections: CONNECTIONS, ...SETTINGS },
      adapters,
      burst: {
        dossiersReceived: received,
        receptionsPerSecond: Math.round(received / burstSeconds),
        burstSeconds: round(burstSeconds, 2),
        messagesSent: rows.length,
        messagesPerSecondEndToEnd: Math.round(rows.length / totalSeconds),
        lastMessageAfterBurstSeconds: round((lastSent - burstEnded.getTime()) / 1000, 2),
        lagBehindReception: { sms: lagOf('sms'), email: lagOf('email') },
        messagesSentMoreThanOnce: Object.fromEntries(retried.map((r) => [r.channel, r.n])),
        smsGatewayRequestsInTheBurst: sms.requests.length - ADAPTER_MESSAGES,
        smsTakenInTheBurst: sms.taken.length - ADAPTER_MESSAGES,
        smtpMessagesInTheBurst: smtp.count() - ADAPTER_MESSAGES,
      },
      memory: memory.stop(),
    });
  } finally {
    await db?.end();
    await stack?.close();
    await Promise.all([smtp.close(), sms.close(), zalo.close()]);
    await server.stop();
  }
}
