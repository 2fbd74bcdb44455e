import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { type Stack, startStack } from './stack.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, any>;
}

/**
 * A request through node:http with exactly these headers: supertest's requests say
 * `Accept-Language: en` unless told otherwise (test/english-problem-details.ts).
 */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    // The path as written: new URL() would resolve `%2e%2e` segments away.
    const outgoing = httpRequest({ hostname, port, path, method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('problem answers in the caller\'s language', () => {
  let stack: Stack;
  const get = (path: string, headers: Record<string, string> = {}) => send(stack.gatewayUrl, 'GET', path, headers);
  /** The members that do not depend on the language. */
  const sameIn = ({ title: _title, detail: _detail, requestId: _requestId, errors, ...rest }: Record<string, any>) => ({ ...rest, fields: (errors ?? []).map((e: { field: string }) => e.field) });

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers in Vietnamese unless English is asked for, with Content-Language and the same code and members', async () => {
    const lookup = (n: number) => `/api/v1/lookup?code=000.00.01.H56-260316-000${n}&secret=AAAAAAAAAAAA`;
    const vietnamese = await get(lookup(1));
    expect({ status: vietnamese.status, language: vietnamese.headers['content-language'], vary: vietnamese.headers.vary }).toEqual({ status: 404, language: 'vi', vary: expect.stringContaining('Accept-Language') });
    expect(vietnamese.body).toMatchObject({ code: 'dossier-not-found', title: 'Không tìm thấy', detail: 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.' });

    const english = await get(lookup(2), { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' });
    expect(english.headers['content-language']).toBe('en');
    expect(english.body).toMatchObject({ code: 'dossier-not-found', title: 'Not found', detail: 'No dossier with this code and lookup code.' });
    expect(sameIn(english.body)).toEqual({ ...sameIn(vietnamese.body), instance: '/api/v1/lookup' });

    // By the q-weights: Vietnamese preferred to English, and a language the system does not speak.
    for (const [header, language] of [['vi, en;q=0.8', 'vi'], ['fr', 'vi'], ['fr, en;q=0.5', 'en'], ['*', 'vi']]) {
      const answer = await get(lookup(3), { 'accept-language': header });
      expect({ header, language: answer.headers['content-language'], english: answer.body.detail === 'No dossier with this code and lookup code.' }).toEqual({ header, language, english: language === 'en' });
    }
  });

  it('names the invalid fields in Vietnamese, with generic reasons in Vietnamese and a field\'s own reason as written', async () => {
    const path = '/api/v1/lookup?code=not-a-code&secret=AAAAAAAAAAAA&bogus=1';
    const vietnamese = await get(path);
    expect(vietnamese.status).toBe(400);
    expect(vietnamese.body).toMatchObject({ code: 'validation-failed', title: 'Dữ liệu không hợp lệ', detail: expect.stringMatching(/^Dữ liệu gửi lên không hợp lệ; .*: (code, bogus|bogus, code)\.$/) });
    const reasons = Object.fromEntries((vietnamese.body.errors as Array<{ field: string; reason: string }>).map((e) => [e.field, e.reason]));
    expect(reasons).toEqual({ bogus: 'không phải là trường mà thao tác này nhận', code: 'code must be a dossier code such as 000.00.01.H56-260316-0001' });
    const english = await get(path, { 'accept-language': 'en' });
    expect(english.body.errors).toEqual(expect.arrayContaining([{ field: 'bogus', reason: 'is not a known field' }]));
    expect(sameIn(english.body)).toEqual(sameIn(vietnamese.body));
  });

  it('answers in the caller\'s language at the gateway\'s door and for a service it cannot reach', async () => {
    const both = { 'x-api-key': 'x', authorization: 'Bearer y' };
    const door = await get('/api/v1/procedures', both);
    expect({ status: door.status, code: door.body.code, language: door.headers['content-language'], detail: door.body.detail }).toEqual({
      status: 400,
      code: 'ambiguous-credentials',
      language: 'vi',
      detail: 'Chỉ gửi một loại thông tin xác thực: X-Api-Key hoặc Authorization, không gửi cả hai.',
    });
    expect((await get('/api/v1/procedures', { ...both, 'accept-language': 'en' })).body.detail).toBe('Send either X-Api-Key or Authorization, not both.');

    const traversal = await get('/api/v1/dossiers/%2e%2e/x');
    expect({ status: traversal.status, code: traversal.body.code, language: traversal.headers['content-language'], detail: traversal.body.detail }).toEqual({
      status: 400,
      code: 'invalid-path',
      language: 'vi',
      detail: expect.stringMatching(/^Đường dẫn không được chứa/),
    });

    const notJson = await send(stack.gatewayUrl, 'POST', '/api/v1/complaints', { 'content-type': 'text/plain' }, 'hello');
    expect({ status: notJson.status, code: notJson.body.code, language: notJson.headers['content-language'], title: notJson.body.title }).toEqual({ status: 415, code: 'unsupported-media-type', language: 'vi', title: 'Kiểu dữ liệu không được hỗ trợ' });

    await stack.stop('reporting');
    try {
      const down = await get('/api/v1/reports/online-services');
      expect({ status: down.status, code: down.body.code, language: down.headers['content-language'], detail: down.body.detail }).toEqual({
        status: 503,
        code: 'service-unavailable',
        language: 'vi',
        detail: 'Dịch vụ tạm thời không sẵn sàng; vui lòng thử lại sau ít phút.',
      });
      const english = await get('/api/v1/reports/online-services', { 'accept-language': 'en' });
      expect({ language: english.headers['content-language'], detail: english.body.detail }).toEqual({ language: 'en', detail: 'The reporting service is unavailable; try again shortly.' });
    } finally {
      await stack.start('reporting');
    }
  });

  it('answers a service\'s own routes in Vietnamese too, straight to the service', async () => {
    const missing = await send(stack.urlOf('catalog'), 'GET', '/api/v1/no-such-thing');
    expect({ status: missing.status, code: missing.body.code, language: missing.headers['content-language'], detail: missing.body.detail }).toEqual({ status: 404, code: 'route-not-found', language: 'vi', detail: 'Không có đường dẫn API này.' });
  });
});
