import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, Type } from '@nestjs/common';
import { type JWK, SignJWT } from 'jose';
import { BACKEND_SERVICES, type BackendService, type EventEnvelope, type Role, serviceUrlSetting } from '@onestop/domain';
import { claimsOf } from '../auth/access-token.js';
import { SERVICE_TOKEN_HEADER } from '../auth/service-token.guard.js';
import { Clock } from '../clock/clock.js';
import { createTestDatabase, queryDatabase } from './test-database.js';
import { freePort, startTestService, testSettings, type TestService, type TestServiceOptions } from './test-service.js';

/** A request the service under test made to a faked service. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed when JSON, else the text (empty for none). */
  body: unknown;
}

export interface FakeAnswer {
  /** 200 unless said. */
  status?: number;
  /** Sent as JSON (problem+json for a status of 400 or more). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Stands in for another service: the answer to each request, or undefined for the default,
 * which acknowledges event deliveries (recording them) and answers anything else 404.
 */
export type FakeService = (request: FakeRequest) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

export interface ServiceUnderTestOptions {
  service: BackendService;
  /** The services it calls that a test answers for; the others answer only event deliveries. */
  fakes?: Partial<Record<BackendService, FakeService>>;
  /** Settings over the defaults (a long OUTBOX_POLL_MS, a feature flag). */
  settings?: Record<string, string>;
  clock?: Clock;
  overrides?: TestServiceOptions['overrides'];
}

export interface Person {
  subject: string;
  roles: Role[];
  agencyCodes?: string[];
  name?: string;
}

export interface ServiceUnderTest extends TestService {
  databaseUrl: string;
  serviceToken: string;
  /** `Authorization` header value for a person, signed by the identity provider the service trusts. */
  tokenFor(person: Person): Promise<string>;
  /** Posts an event to the service's inbox as a publisher's relay does; the answer as fetch gives it. */
  deliver(event: { type: string; payload: unknown; source: string; version?: number; id?: string; traceparent?: string }): Promise<Response>;
  /** Events the service delivered to another (faked) service, in the order they arrived. */
  deliveredTo(service: BackendService): EventEnvelope[];
  /** What the service asked another (faked) service, event deliveries aside. */
  callsTo(service: BackendService): FakeRequest[];
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

interface RunningFake {
  url: string;
  server: Server;
  delivered: EventEnvelope[];
  calls: FakeRequest[];
}

/**
 * The middle test level: one service as `main.ts` boots it, on a database of its own with its
 * migrations and repositories real, every other service replaced by a small HTTP server on a
 * real port, so the service's own clients, relay and inbox run unchanged. People's tokens are
 * signed by a stand-in identity provider whose key set the service fetches as in production.
 */
export async function startServiceUnderTest(module: Type<unknown> | DynamicModule, options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
  const fakes = new Map<BackendService, RunningFake>();
  for (const other of BACKEND_SERVICES.filter((s) => s !== options.service)) fakes.set(other, await startFake(options.fakes?.[other]));
  const identity = await startIdentityProvider();
  const databaseUrl = await createTestDatabase(options.service);
  const serviceToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SERVICE_TOKEN: serviceToken,
    PORT: String(port),
    ...testSettings(),
    AUTH_JWKS_URL: identity.jwksUrl,
    AUTH_ISSUER: identity.issuer,
    AUTH_AUDIENCE: identity.audience,
    [serviceUrlSetting(options.service)]: `http://127.0.0.1:${port}`,
    ...Object.fromEntries([...fakes].map(([service, fake]) => [serviceUrlSetting(service), fake.url])),
    ...options.settings,
  };
  const overrides = [...(options.clock ? [{ token: Clock, value: options.clock }] : []), ...(options.overrides ?? [])];
  const closeHelpers = () => Promise.all([identity.server, ...[...fakes.values()].map((f) => f.server)].map(closeServer));
  let started: TestService;
  try {
    started = await startTestService(module, { service: options.service, port, env, overrides });
  } catch (error) {
    await closeHelpers();
    throw error;
  }
  const fake = (service: BackendService) => {
    const running = fakes.get(service);
    if (!running) throw new Error(`${service} is the service under test, not a fake`);
    return running;
  };
  return {
    ...started,
    databaseUrl,
    serviceToken,
    tokenFor: (person) => identity.sign(person),
    deliver: (event) =>
      fetch(`${started.url}/internal/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: serviceToken },
        body: JSON.stringify({ id: event.id ?? randomUUID(), type: event.type, version: event.version ?? 1, source: event.source, occurredAt: new Date().toISOString(), payload: event.payload, ...(event.traceparent ? { traceparent: event.traceparent } : {}) }),
      }),
    deliveredTo: (service) => [...fake(service).delivered],
    callsTo: (service) => [...fake(service).calls],
    query: (sql, params = []) => queryDatabase(databaseUrl, sql, params),
    close: async () => {
      await started.close();
      await closeHelpers();
    },
  };
}

async function startFake(answer?: FakeService): Promise<RunningFake> {
  const delivered: EventEnvelope[] = [];
  const calls: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const text = Buffer.concat(chunks).toString('utf8');
        const body: unknown = text && String(req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
        const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
        let given: FakeAnswer | undefined;
        try {
          given = await answer?.(request);
        } catch (error) {
          given = { status: 500, body: { code: 'fake-failed', detail: String(error) } };
        }
        const reply = given ?? defaultAnswer(request, delivered);
        if (given || !request.path.startsWith('/internal/events')) calls.push(request);
        const status = reply.status ?? 200;
        res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...reply.headers });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, delivered, calls };
}

/** A subscriber that applies every event it is sent, as the relay expects of one. */
function defaultAnswer(request: FakeRequest, delivered: EventEnvelope[]): FakeAnswer {
  if (request.method === 'POST' && request.path === '/internal/events') {
    delivered.push(request.body as EventEnvelope);
    return { body: { outcome: 'applied' } };
  }
  if (request.method === 'POST' && request.path === '/internal/events/batch') {
    const events = (request.body as { events: EventEnvelope[] }).events;
    delivered.push(...events);
    return { body: { acknowledged: events.map((e) => ({ id: e.id, outcome: 'applied' })), refused: null } };
  }
  return { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, code: 'route-not-found', detail: `The fake has no answer for ${request.method} ${request.path}.` } };
}

async function startIdentityProvider() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk: JWK = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'medium-test', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = 'onestop-test-idp';
  const audience = 'onestop';
  return {
    server,
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    sign: async (person: Person) =>
      `Bearer ${await new SignJWT({ ...claimsOf({ subject: person.subject, roles: person.roles, agencyCodes: person.agencyCodes ?? [], name: person.name }) })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
        .setSubject(person.subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey)}`,
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
