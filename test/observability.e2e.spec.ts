import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SERVICE_NAMES, type ServiceName } from '@onestop/domain';
import { freePort } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';
import { counterDossier, MAIN_FLOW_OFFICERS, publishBody, seedCatalogBasics, signIn } from './fixtures/index.js';

/** A span as OTLP/JSON carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP's span kinds (opentelemetry-proto trace.proto). */
const KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };

function attributes(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]));
}

/** A stand-in OpenTelemetry Collector: OTLP/HTTP with JSON bodies on /v1/traces, as the services export. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('json')) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: Array<Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: OtlpAttribute[] }> }> }>;
      };
      for (const resourceSpans of body.resourceSpans) {
        const service = String(attributes(resourceSpans.resource.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, service, attributes: attributes(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

/** One sample of a Prometheus text exposition: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): { samples: Sample[]; families: Map<string, string> } {
  const samples: Sample[] = [];
  const families = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) families.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { samples, families };
}

/** The names a family answers to in queries: a histogram's `_bucket`, `_sum` and `_count` too. */
function queryableNames(families: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of families) {
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('operations: metrics and traces across the services', () => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const metricsToken = randomBytes(24).toString('hex');
  let people: Record<keyof typeof MAIN_FLOW_OFFICERS, string>;

  const scrape = async (service: ServiceName) => {
    const response = await request(stack.urlOf(service)).get('/metrics').set('authorization', `Bearer ${metricsToken}`).expect(200);
    return parseExposition(response.text);
  };
  const value = async (service: ServiceName, name: string, labels: Record<string, string> = {}) => {
    const { samples } = await scrape(service);
    const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack({ METRICS_TOKEN: metricsToken, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50' });
    await seedCatalogBasics(stack);
    await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.003560')).expect(201);
    people = await signIn(stack, MAIN_FLOW_OFFICERS);
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  describe('/metrics', () => {
    it('answers the monitoring system only: METRICS_TOKEN or the service credential, else a 401 problem', async () => {
      for (const service of SERVICE_NAMES) {
        const refused = await request(stack.urlOf(service)).get('/metrics').expect(401);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body).toMatchObject({ status: 401, code: 'metrics-credential-required' });
        await request(stack.urlOf(service)).get('/metrics').set('authorization', 'Bearer not-the-metrics-token-at-all').expect(401);
        // A person's bearer token is not a metrics credential either.
        await request(stack.urlOf(service)).get('/metrics').set('authorization', people.leader).expect(401);
        const read = await request(stack.urlOf(service)).get('/metrics').set('x-service-token', stack.serviceToken).expect(200);
        expect(read.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(parseExposition(read.text).samples.every((s) => s.labels.service === service)).toBe(true);
      }
    });

    it('is never routed by the gateway: its own /metrics is the gateway\'s, the public API has none, and no path climbs out to a service\'s', async () => {
      const own = parseExposition((await request(stack.gatewayUrl).get('/metrics').set('authorization', `Bearer ${metricsToken}`).expect(200)).text);
      expect(new Set(own.samples.map((s) => s.labels.service))).toEqual(new Set(['gateway']));
      expect(own.families.has('onestop_outbox_backlog')).toBe(false);
      await request(stack.gatewayUrl).get('/api/v1/metrics').expect(404);
      await request(stack.gatewayUrl).get('/api/v1/dossiers/%2e%2e/%2e%2e/%2e%2e/metrics').expect(400);
    });

    it('counts a submission where it happened: by channel, by route template and status at the door and in intake, delivered and applied once downstream', async () => {
      const before = (await value('intake', 'onestop_dossiers_received_total', { channel: 'counter', source: 'officer' })) ?? 0;
      const appliedBefore = (await value('workflow', 'onestop_inbox_events_handled_total', { type: 'DossierReceived', source: 'intake', outcome: 'applied' })) ?? 0;
      const idempotencyKey = `metrics-${randomBytes(6).toString('hex')}`;
      const submit = () => request(stack.gatewayUrl).post('/api/v1/dossiers').set('authorization', people.reception).set('idempotency-key', idempotencyKey).send(counterDossier('1.003560'));
      await submit().expect(201);
      // A retry under the same key is the same dossier: counted once.
      await submit().expect(201);

      expect(await value('intake', 'onestop_dossiers_received_total', { channel: 'counter', source: 'officer' })).toBe(before + 1);
      expect(await value('gateway', 'onestop_http_requests_total', { method: 'POST', route: '/api/v1/dossiers', status: '201' })).toBeGreaterThanOrEqual(2);
      expect(await value('intake', 'onestop_http_requests_total', { method: 'POST', route: '/api/v1/dossiers', status: '201' })).toBeGreaterThanOrEqual(2);
      expect(await value('intake', 'onestop_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/dossiers', status: '201' })).toBeGreaterThanOrEqual(2);
      await eventually(async () => ((await value('workflow', 'onestop_inbox_events_handled_total', { type: 'DossierReceived', source: 'intake', outcome: 'applied' })) === appliedBefore + 1 ? true : undefined), 10000, 'workflow to apply the dossier');
      await eventually(async () => ((await value('intake', 'onestop_outbox_backlog', { subscriber: 'workflow' })) === 0 ? true : undefined), 10000, 'intake\'s outbox to drain');
      expect(await value('intake', 'onestop_outbox_events_delivered_total', { subscriber: 'workflow' })).toBeGreaterThanOrEqual(1);
      expect(await value('intake', 'onestop_outbox_oldest_undelivered_age_seconds', { subscriber: 'workflow' })).toBe(0);
    });

    it('labels a request no route answers "unmatched", so a scanner\'s paths make no series of their own', async () => {
      await request(stack.urlOf('intake')).get(`/api/v1/no-such-thing-${randomBytes(4).toString('hex')}`).expect(404);
      const { samples } = await scrape('intake');
      const routes = new Set(samples.filter((s) => s.name === 'onestop_http_requests_total').map((s) => s.labels.route));
      expect(routes).toContain('unmatched');
      expect([...routes].filter((route) => route.includes('no-such-thing'))).toEqual([]);
    });

    it('shows a subscriber that is down as a growing backlog with failed deliveries, and the backlog gone once it is back', async () => {
      const failedBefore = (await value('catalog', 'onestop_outbox_delivery_failures_total', { subscriber: 'reporting' })) ?? 0;
      await stack.stop('reporting');
      try {
        for (const code of ['1.004001', '1.004002']) {
          await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody(code, { name: `Thủ tục ${code}` })).expect(201);
        }
        await eventually(async () => ((await value('catalog', 'onestop_outbox_delivery_failures_total', { subscriber: 'reporting' }))! > failedBefore ? true : undefined), 10000, 'a failed delivery');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect(await value('catalog', 'onestop_outbox_backlog', { subscriber: 'reporting' })).toBeGreaterThanOrEqual(2);
        expect(await value('catalog', 'onestop_outbox_failing_deliveries', { subscriber: 'reporting' })).toBeGreaterThanOrEqual(1);
        expect(await value('catalog', 'onestop_outbox_oldest_undelivered_age_seconds', { subscriber: 'reporting' })).toBeGreaterThan(0.5);
      } finally {
        await stack.start('reporting');
      }
      await eventually(async () => ((await value('catalog', 'onestop_outbox_backlog', { subscriber: 'reporting' })) === 0 ? true : undefined), 20000, 'the backlog to drain');
      expect(await value('catalog', 'onestop_outbox_failing_deliveries', { subscriber: 'reporting' })).toBe(0);
    });

    it('reports the database pool and every periodic task of a service, with no code of the app\'s own', async () => {
      // The simulated carrier calls back every 5 s: on a quick run this test may come before its first round.
      const { samples } = await eventually(async () => {
        const scraped = await scrape('postal');
        const ran = scraped.samples.filter((s) => s.name === 'onestop_task_last_run_timestamp_seconds').map((s) => s.labels.task);
        return ran.includes('simulated-carrier') && ran.includes('outbox-postal') ? scraped : undefined;
      }, 15000, "postal's periodic tasks to run once");
      const pool = samples.filter((s) => s.name === 'onestop_db_pool_connections');
      expect(pool.map((s) => s.labels.state).sort()).toEqual(['idle', 'in_use']);
      expect(pool.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThan(0);
      expect(samples.find((s) => s.name === 'onestop_db_pool_waiting')?.value).toBe(0);
      const lastRuns = new Map(samples.filter((s) => s.name === 'onestop_task_last_run_timestamp_seconds').map((s) => [s.labels.task, s.value]));
      // The relay and the carrier's orders drain loop, and the simulated carrier's callbacks: each ran within the last minute.
      for (const task of ['outbox-postal', 'simulated-carrier']) {
        expect({ task, recent: Date.now() / 1000 - (lastRuns.get(task) ?? 0) < 60 }).toEqual({ task, recent: true });
      }
      expect(samples.find((s) => s.name === 'onestop_task_duration_seconds_count' && s.labels.task === 'outbox-postal')?.value).toBeGreaterThan(0);
      expect(samples.find((s) => s.name === 'onestop_task_failures_total' && s.labels.task === 'outbox-postal')?.value).toBe(0);
    });

    it('names in the Grafana dashboard only metrics the services serve', async () => {
      const served = new Set<string>(['up']);
      for (const service of SERVICE_NAMES) for (const name of queryableNames((await scrape(service)).families)) served.add(name);
      const folder = new URL('../deploy/grafana/dashboards/', import.meta.url);
      const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      const queried: string[] = [];
      for (const file of files) {
        const dashboard = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as {
          panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
          templating?: { list: Array<{ name: string; definition?: string }> };
        };
        // The variables' queries (label_values(<metric>, service)) name metrics too.
        const variables = (dashboard.templating?.list ?? []).map((variable) => ({ title: `variable ${variable.name}`, targets: [{ expr: variable.definition ?? '' }] }));
        for (const panel of [...dashboard.panels, ...variables]) {
          for (const target of panel.targets ?? []) {
            // A metric name: an onestop_/process_/nodejs_ name, or any name a selector's braces follow.
            const names = [...target.expr.matchAll(/\b((?:onestop|process|nodejs)_[a-zA-Z0-9_]+)|([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{/g)].map((m) => m[1] ?? m[2]);
            expect({ panel: panel.title, names: names.length > 0 }).toEqual({ panel: panel.title, names: true });
            queried.push(...names);
          }
        }
      }
      expect([...new Set(queried)].filter((name) => !served.has(name))).toEqual([]);
      // The list: requests and latency, outbox, inbox, pool, tasks, and the business counts.
      for (const name of [
        'onestop_http_requests_total',
        'onestop_http_request_duration_seconds_bucket',
        'onestop_outbox_backlog',
        'onestop_outbox_oldest_undelivered_age_seconds',
        'onestop_outbox_delivery_failures_total',
        'onestop_inbox_events_handled_total',
        'onestop_db_pool_connections',
        'onestop_db_pool_waiting',
        'onestop_task_last_run_timestamp_seconds',
        'onestop_task_duration_seconds_bucket',
        'onestop_dossiers_received_total',
        'onestop_cases_marked_total',
        'onestop_shipments_status_total',
      ]) {
        expect({ name, queried: queried.includes(name) }).toEqual({ name, queried: true });
      }
    });
  });

  describe('traces', () => {
    it('follows one submission in one trace: gateway → intake → its relay → workflow and reporting, each span the child of the one that caused it', async () => {
      // A procedure intake has not read yet, so it asks catalog (its answers are cached for a while).
      await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.005001', { name: 'Thủ tục theo dõi' })).expect(201);
      const requestId = `trace-${randomBytes(6).toString('hex')}`;
      const submitted = await request(stack.gatewayUrl)
        .post('/api/v1/dossiers')
        .set('authorization', people.reception)
        .set('x-request-id', requestId)
        // A client's own trace context is not continued past the door.
        .set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
        .send(counterDossier('1.005001'))
        .expect(201);
      // The request id stays what it was.
      expect(submitted.headers['x-request-id']).toBe(requestId);

      const trace = await eventually(
        async () => {
          const root = receiver.spans.find((s) => s.service === 'gateway' && s.kind === KIND.server && s.attributes['onestop.request_id'] === requestId);
          if (!root) return undefined;
          const spans = receiver.spans.filter((s) => s.traceId === root.traceId);
          // Each service sends its spans on its own schedule: wait for the relay's and the subscribers' alike.
          const handled = (service: string) => spans.some((s) => s.service === service && s.kind === KIND.consumer && s.name === 'handle DossierReceived');
          const delivered = (service: string) => spans.some((s) => s.service === 'intake' && s.kind === KIND.producer && s.name === `deliver DossierReceived to ${service}`);
          return ['workflow', 'reporting'].every((service) => handled(service) && delivered(service)) ? { root, spans } : undefined;
        },
        15000,
        'the spans of the submission',
      );
      const { root, spans } = trace;
      expect(root.traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
      expect(root.parentSpanId ?? '').toBe('');
      expect(root.name).toBe('POST /api/v1/dossiers');
      const one = (predicate: (span: ReceivedSpan) => boolean, what: string) => {
        const found = spans.filter(predicate);
        expect({ what, count: found.length }).toEqual({ what, count: 1 });
        return found[0];
      };
      const hop = one((s) => s.service === 'gateway' && s.kind === KIND.client && s.parentSpanId === root.spanId, 'the gateway\'s hop to intake');
      expect(hop.name).toBe('POST intake');
      const intake = one((s) => s.service === 'intake' && s.kind === KIND.server && s.parentSpanId === hop.spanId, 'intake serving it');
      expect(intake.name).toBe('POST /api/v1/dossiers');
      expect(intake.attributes).toMatchObject({ 'http.route': '/api/v1/dossiers', 'http.response.status_code': 201, 'onestop.request_id': requestId });
      // Intake asked catalog for the procedure and its calendar, each call a span catalog continued.
      const calls = spans.filter((s) => s.service === 'intake' && s.kind === KIND.client && s.parentSpanId === intake.spanId);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(spans.some((s) => s.service === 'catalog' && s.kind === KIND.server && s.parentSpanId === call.spanId)).toBe(true);
      for (const subscriber of ['workflow', 'reporting']) {
        const delivery = one((s) => s.service === 'intake' && s.kind === KIND.producer && s.name === `deliver DossierReceived to ${subscriber}`, `the delivery to ${subscriber}`);
        // The delivery is a child of the request that wrote the event, though the relay sent it later.
        expect(delivery.parentSpanId).toBe(intake.spanId);
        const handling = one((s) => s.service === subscriber && s.kind === KIND.consumer && s.name === 'handle DossierReceived', `${subscriber} handling it`);
        expect(handling.parentSpanId).toBe(delivery.spanId);
        expect(handling.attributes['onestop.inbox_outcome']).toBe('applied');
      }
    });
  });
});
