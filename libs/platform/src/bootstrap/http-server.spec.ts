import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { guardHttpServer } from './http-server.js';

/** Writes bytes as they are and reads everything the server sends until it closes. */
function exchange(port: number, bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string; raw: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const end = raw.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(end + 4), raw });
    });
    socket.write(bytes);
  });
}

describe('an HTTP server guarded as every service\'s is', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('connection', 'close');
      res.end(JSON.stringify({ url: req.url }));
    });
    guardHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a control character in a header with a problem, a request id and Connection: close', async () => {
    const answer = await exchange(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Odd: a\u0001b\r\n\r\n');
    expect(answer.headers['content-language']).toBe('en');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toEqual({
      type: 'urn:onestop:problem:malformed-request',
      title: 'Bad Request',
      status: 400,
      code: 'malformed-request',
      detail: expect.any(String),
      requestId: answer.headers['x-request-id'],
    });
  });

  it('answers in Vietnamese unless the bytes read ask for English', async () => {
    const vietnamese = await exchange(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\n\r\n');
    expect(vietnamese.headers['content-language']).toBe('vi');
    expect(JSON.parse(vietnamese.body)).toMatchObject({ code: 'malformed-request', title: 'Yêu cầu không hợp lệ', detail: expect.stringContaining('HTTP/1.1') });
    expect(JSON.parse(vietnamese.body).detail).toMatch(/^Yêu cầu không đúng giao thức/);
    const huge = await exchange(port, `GET / HTTP/1.1\r\nHost: x\r\nAccept-Language: en-GB, vi;q=0.5\r\nX-Huge: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect({ status: huge.status, language: huge.headers['content-language'], detail: JSON.parse(huge.body).detail }).toEqual({ status: 431, language: 'en', detail: expect.stringContaining('16 KiB') });
  });

  it('answers headers over the limit with a 431 problem', async () => {
    const answer = await exchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Huge: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'headers-too-large', requestId: answer.headers['x-request-id'] });
  });

  it('answers a request line that is not HTTP with a 400 problem', async () => {
    const answer = await exchange(port, 'HELLO\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'malformed-request' });
  });

  it('reads an absolute-form target as its origin form, keeping the rest byte for byte', async () => {
    seen.length = 0;
    const answers = await Promise.all([
      exchange(port, 'GET http://x/api/v1/lookup?code=a&secret=b HTTP/1.1\r\nHost: x\r\n\r\n'),
      exchange(port, 'GET https://user@gateway.example:8443/api/v1/../internal/%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n'),
      exchange(port, 'GET http://x?code=a HTTP/1.1\r\nHost: x\r\n\r\n'),
      exchange(port, 'GET /already/origin?x=http://y HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(seen.sort()).toEqual(['/?code=a', '/already/origin?x=http://y', '/api/v1/../internal/%2e%2e', '/api/v1/lookup?code=a&secret=b'].sort());
  });
});
