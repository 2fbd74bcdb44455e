import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig, ServiceConfig, ServiceUrl } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { runWithRequestId } from '../request-context/request-context.js';
import { ServiceClient } from './service-client.js';

class ClientTestConfig extends ServiceConfig {
  @ServiceUrl() CATALOG_URL: string;
}

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<ServiceClient> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return clientFor(`http://127.0.0.1:${port}`);
}

function clientFor(url: string, timeoutMs = 1000): ServiceClient {
  return new ServiceClient(
    loadConfig(ClientTestConfig, {
      PORT: '0',
      DATABASE_URL: 'postgresql://u:p@localhost/db',
      SERVICE_TOKEN: 'a-long-enough-shared-secret',
      HTTP_TIMEOUT_MS: String(timeoutMs),
      CATALOG_URL: url,
    }),
  );
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('service client', () => {
  it('forwards the request id and the service credential, and parses JSON', async () => {
    let seen: IncomingMessage['headers'] = {};
    const client = await serve((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const response = await runWithRequestId('req-42', () => client.request(`catalog`, { path: '/api/v1/procedures', query: { limit: 5 } }));
    expect(response.body).toEqual({ ok: true });
    expect(seen['x-request-id']).toBe('req-42');
    expect(seen['x-service-token']).toBe('a-long-enough-shared-secret');
    // Problems between services come in English, and are localised where they reach a person.
    expect(seen['accept-language']).toBe('en');
  });

  it('retries an idempotent call through a transient 503', async () => {
    let calls = 0;
    const client = await serve((_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"calls":3}');
    });
    expect((await client.request('catalog', { path: '/x' })).body).toEqual({ calls: 3 });
    expect(calls).toBe(3);
  });

  it('does not repeat a POST that may have had an effect', async () => {
    let calls = 0;
    const client = await serve((_req, res) => {
      calls++;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
    expect((await client.request('catalog', { method: 'POST', path: '/x', body: {} })).status).toBe(503);
    expect(calls).toBe(1);
  });

  it('returns the callee 4xx answers for the caller to judge', async () => {
    const client = await serve((_req, res) => res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"code":"procedure-not-found"}'));
    const response = await client.request('catalog', { path: '/x' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'procedure-not-found' });
  });

  it('gives up after its timeout with a 503 problem naming the service', async () => {
    await serve(() => undefined);
    const slow = clientFor(`http://127.0.0.1:${(server!.address() as { port: number }).port}`, 150);
    const started = Date.now();
    const error = await slow.request('catalog', { method: 'POST', path: '/x', body: {} }).catch((e: unknown) => e);
    // the server never answers: without the timeout this would wait for the test's own limit;
    // the bound is loose because two jest workers and PostgreSQL share two cores
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).getStatus()).toBe(503);
    expect((error as ProblemException).detail).toContain('catalog');
  });
});
