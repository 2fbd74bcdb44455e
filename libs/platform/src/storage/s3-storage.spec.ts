import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { InvalidStorageKeyError, StoredFileNotFoundError } from './file-storage.js';
import { S3Storage, S3StorageError } from './s3-storage.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'ap-southeast-1';
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Whether the Authorization header is a valid SigV4 signature of the request, checked here independently of the signer. */
  signatureValid: boolean;
}

/** Checks an AWS Signature V4 Authorization header the way S3 does (header form, single-chunk payload). */
function verifySignature(req: IncomingMessage, body: Buffer): boolean {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!match) return false;
  const [, accessKeyId, day, region, signedHeaders, signature] = match;
  if (accessKeyId !== CREDENTIALS.accessKeyId || region !== REGION) return false;
  const payloadHash = String(req.headers['x-amz-content-sha256']);
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return false;
  const [path, query = ''] = (req.url ?? '').split('?');
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256') || !names.includes('x-amz-date')) return false;
  const canonicalHeaders = names.map((name) => `${name}:${String(req.headers[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [req.method, path, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const amzDate = String(req.headers['x-amz-date']);
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${CREDENTIALS.secretAccessKey}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

/** A tiny S3: objects in a map, path-style addressing under `/base`, XML errors; it records every request. */
class FakeS3 {
  readonly objects = new Map<string, { body: Buffer; type: string }>();
  readonly requests: Received[] = [];
  /** The next answer, instead of the normal one. */
  failNext?: { status: number; code: string };
  /** Holds the GET answer's second half until released, to show the body streams. */
  gate?: Promise<void>;
  server: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/base`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    this.requests.push({ method: req.method ?? '', path, headers: req.headers, body, signatureValid: verifySignature(req, body) });
    const key = path.replace(/^\/base\/documents\//, '');
    const fail = (status: number, code: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} happened</Message></Error>`);
    };
    if (this.failNext) {
      const { status, code } = this.failNext;
      this.failNext = undefined;
      return fail(status, code);
    }
    if (!this.requests.at(-1)!.signatureValid) return fail(403, 'SignatureDoesNotMatch');
    if (req.method === 'PUT') {
      this.objects.set(key, { body, type: String(req.headers['content-type']) });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return void res.end();
    }
    const object = this.objects.get(key);
    if (req.method === 'DELETE') {
      this.objects.delete(key);
      res.writeHead(204);
      return void res.end();
    }
    if (!object) return fail(404, 'NoSuchKey');
    res.writeHead(200, { 'content-type': object.type, 'content-length': object.body.length });
    if (req.method === 'HEAD') return void res.end();
    const half = Math.floor(object.body.length / 2);
    res.write(object.body.subarray(0, half));
    await this.gate;
    res.end(object.body.subarray(half));
  }
}

describe('S3Storage against a fake S3', () => {
  const fake = new FakeS3();
  let storage: S3Storage;

  beforeAll(async () => {
    const endpoint = await fake.start();
    storage = new S3Storage({ endpoint, bucket: 'documents', region: REGION, ...CREDENTIALS, forcePathStyle: true });
  });

  afterAll(async () => {
    await new Promise((resolve) => fake.server.close(resolve));
  });

  beforeEach(() => {
    fake.requests.length = 0;
    fake.gate = undefined;
  });

  it('PUTs a buffer to bucket/key with a valid signature over the payload hash', async () => {
    const pdf = Buffer.from('%PDF-1.4\nhello\n%%EOF\n');
    expect(await storage.put('intake/dossiers/000.00.01.H56-260316-0001/f1', pdf, { contentType: 'application/pdf' })).toEqual({ size: pdf.length, sha256: sha256(pdf) });
    const [put] = fake.requests;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe('/base/documents/intake/dossiers/000.00.01.H56-260316-0001/f1');
    expect(put.signatureValid).toBe(true);
    expect(put.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/s3/aws4_request, SignedHeaders=[^,]*content-length[^,]*, Signature=[0-9a-f]{64}$`));
    expect(put.headers).toMatchObject({ 'content-length': String(pdf.length), 'content-type': 'application/pdf', 'x-amz-content-sha256': sha256(pdf), 'x-amz-meta-sha256': sha256(pdf) });
    expect(put.body).toEqual(pdf);
  });

  it('PUTs a stream of unknown length with its length and hash, and cleans its spool', async () => {
    const spools = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('onestop-s3-'));
    const before = await spools();
    const parts = [Buffer.alloc(100_000, 3), Buffer.from('tail')];
    const whole = Buffer.concat(parts);
    expect(await storage.put('big/one', Readable.from(parts))).toEqual({ size: whole.length, sha256: sha256(whole) });
    const [put] = fake.requests;
    expect(put).toMatchObject({ method: 'PUT', path: '/base/documents/big/one', signatureValid: true });
    expect(put.headers['content-length']).toBe(String(whole.length));
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(put.headers['x-amz-content-sha256']).toBe(sha256(whole));
    expect(put.body.equals(whole)).toBe(true);
    expect(await spools()).toEqual(before);
  });

  it('does not PUT anything when the source stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        setImmediate(() => this.destroy(new Error('aborted upload')));
      },
    });
    await expect(storage.put('never/there', failing)).rejects.toThrow('aborted upload');
    expect(fake.requests).toEqual([]);
    expect(fake.objects.has('never/there')).toBe(false);
  });

  it('GETs an object as a stream that starts before the store has sent it all', async () => {
    const bytes = Buffer.alloc(50_000, 9);
    fake.objects.set('stream/me', { body: bytes, type: 'image/png' });
    let release!: () => void;
    fake.gate = new Promise((resolve) => (release = resolve));
    const stream = await storage.get('stream/me');
    // The answer's head and first half are here while the store still holds the rest back.
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    release();
    const rest: Buffer[] = [];
    for await (const chunk of stream) rest.push(chunk as Buffer);
    expect(Buffer.concat([first, ...rest]).equals(bytes)).toBe(true);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/base/documents/stream/me', signatureValid: true });
    expect(fake.requests[0].headers['x-amz-content-sha256']).toBe(sha256(''));
  });

  it('answers exists with HEAD, deletes with DELETE, and reports a missing object', async () => {
    fake.objects.set('gone/soon', { body: Buffer.from('x'), type: 'application/pdf' });
    expect(await storage.exists('gone/soon')).toBe(true);
    await storage.delete('gone/soon');
    expect(await storage.exists('gone/soon')).toBe(false);
    await expect(storage.get('gone/soon')).rejects.toBeInstanceOf(StoredFileNotFoundError);
    expect(fake.requests.map((r) => [r.method, r.path, r.signatureValid])).toEqual([
      ['HEAD', '/base/documents/gone/soon', true],
      ['DELETE', '/base/documents/gone/soon', true],
      ['HEAD', '/base/documents/gone/soon', true],
      ['GET', '/base/documents/gone/soon', true],
    ]);
  });

  it('turns the store\'s refusals into errors carrying its code', async () => {
    fake.failNext = { status: 403, code: 'AccessDenied' };
    const error = await storage.put('denied/one', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3StorageError);
    expect(error).toMatchObject({ status: 403, s3Code: 'AccessDenied' });
    fake.failNext = { status: 500, code: 'InternalError' };
    await expect(storage.get('any/one')).rejects.toMatchObject({ status: 500, s3Code: 'InternalError' });
  });

  it('is refused by the store when signing with another secret (the fake checks signatures)', async () => {
    const wrong = new S3Storage({ endpoint: `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/base`, bucket: 'documents', region: REGION, accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret', forcePathStyle: true });
    await expect(wrong.put('signed/badly', Buffer.from('x'))).rejects.toMatchObject({ status: 403, s3Code: 'SignatureDoesNotMatch' });
    expect(fake.objects.has('signed/badly')).toBe(false);
  });

  it('refuses keys that are not plain relative paths without calling the store', async () => {
    await expect(storage.put('../escape', Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get('/absolute')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(fake.requests).toEqual([]);
  });

  it('fails fast when the store is unreachable', async () => {
    const unreachable = new S3Storage({ endpoint: 'http://127.0.0.1:1', bucket: 'documents', region: REGION, ...CREDENTIALS, forcePathStyle: true });
    await expect(unreachable.exists('a/b')).rejects.toThrow(/ECONNREFUSED/);
  });
});
