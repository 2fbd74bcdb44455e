import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { ROLES } from '@onestop/domain';
import { encodeCursor, FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { type Stack, startStack } from './stack.js';
import { applicant, counterDossier, DEPARTMENT, MONDAY_10AM, PROVINCE, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

/**
 * Input the validators used to accept and that crashed later (a 500 from JavaScript's Date or
 * from PostgreSQL), or that was quietly changed on the way in: every one is now a 400
 * problem+json naming the field and the reason, and nothing is stored from it.
 */
const PROCEDURE = '1.006101';

const dossierBody = (overrides: Record<string, unknown> = {}) => counterDossier(PROCEDURE, overrides);

/** ISO 8601 forms class-validator's IsISO8601({ strict: true }) took, that Date and PostgreSQL do not read. */
const ODD_ISO_FORMS = ['6521214', '2026-W01', '20261204T000000Z', '2026-12-04T10:00:00,5Z', '2026-12-04T10Z'];

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are over a fresh TCP connection and reads the answer up to the close. */
function rawHttp(baseUrl: string, bytes: string | Buffer): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A keep-alive answer does not close: stop once its whole body is in.
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
      if (end >= 0 && length && Buffer.concat(chunks).length >= end + 4 + Number(length[1])) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) });
    });
    socket.write(bytes);
  });
}

describe('input that used to pass validation and crash later', () => {
  let stack: Stack;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  const count = async (table: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
  let everyone: string;
  let reception: string;
  let postal: string;
  let dossierCode: string;
  let lookupSecret: string;

  /** A JSON body sent exactly as written: escapes, duplicate keys and bytes kept (supertest would re-serialise a Buffer). */
  const rawJson = (method: 'post' | 'put', path: string, body: string | Buffer, auth?: string): Promise<{ status: number; body: Record<string, any> }> => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const url = new URL(path, stack.gatewayUrl);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': bytes.length, 'accept-language': 'en', ...(auth ? { authorization: auth } : {}) };
      const outgoing = httpRequest(url, { method: method.toUpperCase(), headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
        res.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(bytes);
    });
  };

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody(PROCEDURE)).expect(201);
    everyone = await stack.tokenFor({ subject: 'integrity-everyone', roles: [...ROLES], agencyCodes: [PROVINCE, SERVICE_CENTRE, DEPARTMENT], name: 'Kiểm thử' });
    reception = await stack.tokenFor({ subject: 'officer-centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' });
    postal = await stack.tokenFor({ subject: 'vnpost-ha-nam', roles: ['postal'] });
    const dossier = await api().post('/api/v1/dossiers').set('authorization', reception).send(dossierBody()).expect(201);
    dossierCode = dossier.body.code;
    lookupSecret = dossier.body.lookupSecret;
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('times', () => {
    it.each(ODD_ISO_FORMS)('refuses %s wherever a time is taken, naming the field and the form expected', async (odd) => {
      const q = encodeURIComponent(odd);
      const answers = await Promise.all([
        api().get(`/api/v1/calendar/working-time?from=${q}&to=2026-03-16T08:00:00%2B07:00`).set('authorization', everyone),
        api().get(`/api/v1/calendar/appointment?receivedAt=${q}&workingDays=1`).set('authorization', everyone),
        api().get(`/api/v1/dossiers?receivedFrom=${q}`).set('authorization', everyone),
        api().get(`/api/v1/shipments?createdTo=${q}`).set('authorization', everyone),
      ]);
      const fields = ['from', 'receivedAt', 'receivedFrom', 'createdTo'];
      answers.forEach((answer, i) => {
        expect({ field: fields[i], status: answer.status, code: answer.body.code, content: answer.headers['content-type'] }).toEqual({ field: fields[i], status: 400, code: 'validation-failed', content: expect.stringContaining('application/problem+json') });
        expect(answer.body.errors).toEqual([{ field: fields[i], reason: expect.stringContaining('2026-03-16T10:00:00+07:00') }]);
      });
      const before = await count('intake.dossiers');
      const post = await api()
        .post('/api/v1/dossiers')
        .set('authorization', postal)
        .send(dossierBody({ channel: 'post', receivedAt: odd, resultDelivery: { method: 'post', address: applicant().address } }));
      expect({ status: post.status, code: post.body.code, errors: post.body.errors }).toEqual({ status: 400, code: 'validation-failed', errors: [{ field: 'receivedAt', reason: expect.stringContaining('RFC 3339') }] });
      expect(await count('intake.dossiers')).toBe(before);
    });

    it('still takes RFC 3339 times, with a fraction, Z or an offset', async () => {
      const fraction = await api().get('/api/v1/calendar/working-time?from=2026-03-13T16:00:00.5%2B07:00&to=2026-03-16T01:00:00Z').set('authorization', everyone).expect(200);
      expect(fraction.body.from).toBeDefined();
      await api().get('/api/v1/dossiers?receivedFrom=2026-03-01T00:00:00%2B07:00&receivedTo=2026-04-01T00:00:00.000Z').set('authorization', everyone).expect(200);
      await api().get('/api/v1/shipments?createdTo=2026-04-01T00:00:00-05:30').set('authorization', everyone).expect(200);
    });
  });

  describe('forged cursors', () => {
    const refusedCursor = async (path: string, cursor: string) => {
      const answer = await api().get(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`).set('authorization', everyone);
      return { path, status: answer.status, code: answer.body.code, errors: answer.body.errors };
    };
    const invalid = (path: string) => ({ path, status: 400, code: 'invalid-cursor', errors: [{ field: 'cursor', reason: expect.any(String) }] });
    const uuid = '7d9f2c1e-3b4a-4c5d-8e6f-0a1b2c3d4e5f';

    it.each(['0000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z'])('refuses a time outside PostgreSQL\'s range (%s)', async (at) => {
      const cases: Array<[string, Record<string, string | number>]> = [
        ['/api/v1/dossiers', { receivedAt: at, code: 'x' }],
        ['/api/v1/shipments', { createdAt: at, id: uuid }],
        ['/api/v1/complaints', { filedAt: at, id: uuid }],
        ['/api/v1/worklist', { rank: 0, dueAt: at, code: 'x' }],
        [`/api/v1/dossiers/${dossierCode}/documents?secret=${lookupSecret}`, { uploadedAt: at, seq: '1' }],
      ];
      for (const [path, position] of cases) {
        // The documents list is read with the lookup code alone, as an applicant without an account does.
        const answer = path.includes('secret=') ? await api().get(`${path}&cursor=${encodeCursor(position)}`) : await api().get(`${path}?cursor=${encodeCursor(position)}`).set('authorization', everyone);
        expect({ path, status: answer.status, code: answer.body.code, errors: answer.body.errors }).toEqual(invalid(path));
      }
    });

    it.each([1.5, 1e308, 2_147_483_648])('refuses a worklist rank that is not one of its integers (%s)', async (rank) => {
      expect(await refusedCursor('/api/v1/worklist', encodeCursor({ rank, dueAt: '2026-03-30T03:00:00.000Z', code: 'x' }))).toEqual(invalid('/api/v1/worklist'));
    });

    it('refuses the NUL character and lone surrogates inside a cursor\'s text', async () => {
      expect(await refusedCursor('/api/v1/procedures', 'eyJjb2RlIjogIlx1MDAwMCJ9')).toEqual(invalid('/api/v1/procedures'));
      for (const text of ['\u0000', 'a\ud800', '\udfffb']) {
        expect(await refusedCursor('/api/v1/procedures', encodeCursor({ code: text }))).toEqual(invalid('/api/v1/procedures'));
        expect(await refusedCursor('/api/v1/agencies', encodeCursor({ code: text }))).toEqual(invalid('/api/v1/agencies'));
        expect(await refusedCursor('/api/v1/dossiers', encodeCursor({ receivedAt: '2026-03-16T03:00:00.000Z', code: text }))).toEqual(invalid('/api/v1/dossiers'));
        expect(await refusedCursor('/api/v1/worklist', encodeCursor({ rank: 0, dueAt: '2026-03-30T03:00:00.000Z', code: text }))).toEqual(invalid('/api/v1/worklist'));
      }
      // The pages' own cursors still work.
      await api().get(`/api/v1/procedures?cursor=${encodeCursor({ code: '1.000000' })}`).set('authorization', everyone).expect(200);
      await api().get(`/api/v1/worklist?cursor=${encodeCursor({ rank: 1, dueAt: '2026-03-30T03:00:00.000Z', code: 'x' })}`).set('authorization', everyone).expect(200);
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('refuses a lone surrogate in any text of a body, naming where it is, and stores nothing', async () => {
      const complaints = await count('intake.complaints');
      const complaint = await rawJson('post', '/api/v1/complaints', `{"agencyCode":"${SERVICE_CENTRE}","contact":{"name":"A\\ud800n","phone":"0912345678"},"subject":"x","content":"y"}`);
      expect({ status: complaint.status, code: complaint.body.code, errors: complaint.body.errors }).toEqual({ status: 400, code: 'invalid-characters', errors: [{ field: 'contact.name', reason: expect.stringContaining('surrogate') }] });
      expect(await count('intake.complaints')).toBe(complaints);

      const dossiers = await count('intake.dossiers');
      const body = JSON.stringify(dossierBody()).replace('"Nguyễn Văn An"', '"Nguy\\udc00n"');
      const dossier = await rawJson('post', '/api/v1/dossiers', body, reception);
      expect({ status: dossier.status, code: dossier.body.code, errors: dossier.body.errors }).toEqual({ status: 400, code: 'invalid-characters', errors: [{ field: 'applicant.name', reason: expect.any(String) }] });
      expect(await count('intake.dossiers')).toBe(dossiers);

      const withdrawal = await rawJson('post', `/api/v1/dossiers/${dossierCode}/withdrawal`, '{"reason":"Kh\\ud83dng"}', reception);
      expect({ status: withdrawal.status, code: withdrawal.body.code, errors: withdrawal.body.errors }).toEqual({ status: 400, code: 'invalid-characters', errors: [{ field: 'reason', reason: expect.any(String) }] });
      expect((await api().get(`/api/v1/dossiers/${dossierCode}`).set('authorization', reception).expect(200)).body.status).not.toBe('withdrawn');
    });
  });

  describe('bodies read as they were written', () => {
    it('refuses a key given twice rather than keeping the last, naming it', async () => {
      const dossiers = await count('intake.dossiers');
      const twice = JSON.stringify(dossierBody()).replace('{"procedureCode":"1.006101",', '{"procedureCode":"1.006101","procedureCode":"1.999999",');
      expect(twice).toContain('"procedureCode":"1.999999"');
      const answer = await rawJson('post', '/api/v1/dossiers', twice, reception);
      expect({ status: answer.status, code: answer.body.code, errors: answer.body.errors }).toEqual({ status: 400, code: 'malformed-body', errors: [{ field: 'procedureCode', reason: expect.stringContaining('more than once') }] });
      // Nested, and spelled differently with an escape: still the same key.
      const nested = JSON.stringify(dossierBody()).replace('"name":"Nguyễn Văn An"', '"name":"Nguyễn Văn An","n\\u0061me":"Trần Thị Bình"');
      const nestedAnswer = await rawJson('post', '/api/v1/dossiers', nested, reception);
      expect({ status: nestedAnswer.status, code: nestedAnswer.body.code, errors: nestedAnswer.body.errors }).toEqual({ status: 400, code: 'malformed-body', errors: [{ field: 'applicant.name', reason: expect.any(String) }] });
      expect(await count('intake.dossiers')).toBe(dossiers);
      // The gateway's own bodies too.
      const keys = await rawJson('post', '/api/v1/api-keys', '{"name":"a","scopes":["postal"],"name":"b"}', stack.adminAuth);
      expect({ status: keys.status, code: keys.body.code, errors: keys.body.errors }).toEqual({ status: 400, code: 'malformed-body', errors: [{ field: 'name', reason: expect.any(String) }] });
    });

    it.each([
      ['an overlong encoding', [0xc0, 0xae]],
      ['a byte UTF-8 never has', [0xff]],
      ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ])('refuses a body that is not UTF-8 (%s) instead of storing U+FFFD', async (_, bytes) => {
      const complaints = await count('intake.complaints');
      const [head, tail] = `{"agencyCode":"${SERVICE_CENTRE}","contact":{"name":"An@","phone":"0912345678"},"subject":"x","content":"y"}`.split('@');
      const answer = await rawJson('post', '/api/v1/complaints', Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]));
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'malformed-body' });
      expect(answer.body.detail).toMatch(/UTF-8/);
      expect(await count('intake.complaints')).toBe(complaints);
      const gateway = await rawJson('post', '/api/v1/auth/token', Buffer.concat([Buffer.from('{"username":"'), Buffer.from(bytes), Buffer.from('","password":"x"}')]));
      expect({ status: gateway.status, code: gateway.body.code }).toEqual({ status: 400, code: 'malformed-body' });
    });
  });

  describe('names', () => {
    it.each(['\u202E', '\u2066', '\u200F', '\u061C'])('refuses a bidirectional control (%j) in the names of people and organisations', async (control) => {
      const codePoint = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const dossiers = await count('intake.dossiers');
      const complaints = await count('intake.complaints');
      const named = await api().post('/api/v1/dossiers').set('authorization', reception).send(dossierBody({ applicant: applicant({ name: `Nguyễn ${control}nA` }) }));
      expect({ status: named.status, code: named.body.code, errors: named.body.errors }).toEqual({ status: 400, code: 'validation-failed', errors: [{ field: 'applicant.name', reason: expect.stringContaining(`U+${codePoint}`) }] });
      const receiver = await api()
        .post('/api/v1/dossiers')
        .set('authorization', reception)
        .send(dossierBody({ resultDelivery: { method: 'post', address: applicant().address, receiverName: `Trần${control} Bình` } }));
      expect({ status: receiver.status, errors: receiver.body.errors }).toEqual({ status: 400, errors: [{ field: 'resultDelivery.receiverName', reason: expect.stringContaining('bidirectional') }] });
      const contact = await api().post('/api/v1/complaints').send({ agencyCode: SERVICE_CENTRE, contact: { name: `An${control}`, phone: '0912345678' }, subject: 'x', content: 'y' });
      expect({ status: contact.status, errors: contact.body.errors }).toEqual({ status: 400, errors: [{ field: 'contact.name', reason: expect.stringContaining('bidirectional') }] });
      expect(await count('intake.dossiers')).toBe(dossiers);
      expect(await count('intake.complaints')).toBe(complaints);
    });
  });

  describe('the HTTP protocol itself', () => {
    it('answers an absolute-form request target at the gateway as its origin form', async () => {
      const absolute = await rawHttp(stack.gatewayUrl, `GET http://x/api/v1/lookup?code=a&secret=b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const origin = await rawHttp(stack.gatewayUrl, `GET /api/v1/lookup?code=a&secret=b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(origin.status).toBeGreaterThanOrEqual(400);
      expect(origin.status).toBeLessThan(500);
      expect({ status: absolute.status, type: absolute.headers['content-type'], code: JSON.parse(absolute.body).code }).toEqual({ status: origin.status, type: origin.headers['content-type'], code: JSON.parse(origin.body).code });
      // A real lookup through the absolute form finds the dossier.
      const found = await rawHttp(stack.gatewayUrl, `GET http://gateway.example/api/v1/lookup?code=${dossierCode}&secret=${lookupSecret} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(found.status).toBe(200);
      expect(JSON.parse(found.body).code).toBe(dossierCode);
    });

    it.each(['gateway', 'intake'] as const)('answers a header Node cannot read (%s) as problem+json with a request id', async (service) => {
      const base = stack.urlOf(service);
      const control = await rawHttp(base, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\n\r\n`);
      expect(control.status).toBe(400);
      expect(control.headers['content-type']).toBe('application/problem+json');
      expect(control.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(control.headers.connection).toBe('close');
      expect(JSON.parse(control.body)).toMatchObject({ status: 400, code: 'malformed-request', requestId: control.headers['x-request-id'] });
      const huge = await rawHttp(base, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Huge: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge.status).toBe(431);
      expect(huge.headers['content-type']).toBe('application/problem+json');
      expect(huge.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(huge.body)).toMatchObject({ status: 431, code: 'headers-too-large' });
    });
  });
});
