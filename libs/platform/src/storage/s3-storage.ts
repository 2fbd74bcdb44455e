import aws4 from 'aws4';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, copyHashed, describeBuffer, FileStorage, type PutOptions, type StoredFile, StoredFileNotFoundError } from './file-storage.js';

export interface S3StorageOptions {
  /** Base URL of the store, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://minio:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO and most S3-compatible stores) rather than `bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** How long a connection may stay silent before the call fails, in milliseconds. */
  idleTimeoutMs?: number;
}

/** An answer of the store other than the one expected, with S3's error code when it sent one. */
export class S3StorageError extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'S3StorageError';
  }
}

/** RFC 3986 encoding of one path segment, as SigV4 canonicalises it. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Objects in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph, ...), over its REST API
 * signed with AWS Signature V4 (the `aws4` signer; no SDK). A stream is first spooled to a
 * temporary file, because a PUT must state its length, and so the payload's SHA-256 is signed
 * (`x-amz-content-sha256`) and the store itself refuses bytes that changed on the way. The
 * SHA-256 is also kept as the object's `x-amz-meta-sha256`. Reads stream straight from the
 * store's answer.
 */
export class S3Storage extends FileStorage {
  private readonly endpoint: URL;

  constructor(private readonly options: S3StorageOptions) {
    super();
    this.endpoint = new URL(options.endpoint);
  }

  async put(key: string, source: Readable | Buffer, options: PutOptions = {}): Promise<StoredFile> {
    assertStorageKey(key);
    if (Buffer.isBuffer(source)) {
      const stored = describeBuffer(source);
      await this.upload(key, source, stored, options);
      return stored;
    }
    const folder = await mkdtemp(join(tmpdir(), 'onestop-s3-'));
    try {
      const spool = join(folder, 'body');
      const stored = await copyHashed(source, createWriteStream(spool));
      await this.upload(key, createReadStream(spool), stored, options);
      return stored;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    const response = await this.send('GET', key);
    if (response.statusCode === 404) {
      response.resume();
      throw new StoredFileNotFoundError(key);
    }
    if (response.statusCode !== 200) throw await this.failure(response, 'GET', key);
    return response;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    const response = await this.send('DELETE', key);
    if (response.statusCode === 404 || isSuccess(response)) {
      response.resume();
      return;
    }
    throw await this.failure(response, 'DELETE', key);
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    const response = await this.send('HEAD', key);
    response.resume();
    if (response.statusCode === 404) return false;
    if (isSuccess(response)) return true;
    throw new S3StorageError(response.statusCode ?? 0, undefined, `S3 answered ${response.statusCode} to HEAD ${key}`);
  }

  private async upload(key: string, body: Readable | Buffer, stored: StoredFile, options: PutOptions): Promise<void> {
    const response = await this.send('PUT', key, {
      headers: {
        'Content-Length': String(stored.size),
        'Content-Type': options.contentType ?? 'application/octet-stream',
        'X-Amz-Content-Sha256': stored.sha256,
        'X-Amz-Meta-Sha256': stored.sha256,
      },
      body,
    });
    if (!isSuccess(response)) throw await this.failure(response, 'PUT', key);
    response.resume();
  }

  /** One signed request; resolves with the answer's head, its body left to the caller. */
  private send(method: 'GET' | 'PUT' | 'DELETE' | 'HEAD', key: string, request: { headers?: Record<string, string>; body?: Readable | Buffer } = {}): Promise<IncomingMessage> {
    const { endpoint, options } = this;
    const base = endpoint.pathname.replace(/\/+$/, '');
    const objectPath = key.split('/').map(encodeSegment).join('/');
    const host = options.forcePathStyle ? endpoint.host : `${options.bucket}.${endpoint.host}`;
    const path = options.forcePathStyle ? `${base}/${encodeSegment(options.bucket)}/${objectPath}` : `${base}/${objectPath}`;
    const signed = aws4.sign(
      { host, path, method, service: 's3', region: options.region, headers: { ...request.headers } },
      { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    );
    const transport = endpoint.protocol === 'https:' ? https : http;
    return new Promise<IncomingMessage>((resolvePromise, reject) => {
      const outgoing = transport.request({
        protocol: endpoint.protocol,
        hostname: options.forcePathStyle ? endpoint.hostname : `${options.bucket}.${endpoint.hostname}`,
        port: endpoint.port || undefined,
        method,
        path,
        headers: signed.headers as OutgoingHttpHeaders,
        timeout: options.idleTimeoutMs ?? 30000,
      });
      outgoing.once('response', resolvePromise);
      // 'on', not 'once': a body that fails after the answer destroys the request again.
      outgoing.on('error', reject);
      outgoing.once('timeout', () => outgoing.destroy(new S3StorageError(0, undefined, `S3 did not answer ${method} ${key} in time`)));
      const body = request.body;
      if (body === undefined) outgoing.end();
      else if (Buffer.isBuffer(body)) outgoing.end(body);
      else pipeline(body, outgoing).catch((error: unknown) => outgoing.destroy(error as Error));
    });
  }

  private async failure(response: IncomingMessage, method: string, key: string): Promise<S3StorageError> {
    let text = '';
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        if (text.length < 4096) text += chunk.toString('utf8');
      }
    } catch {
      // the status says enough
    }
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    return new S3StorageError(response.statusCode ?? 0, code, `S3 answered ${response.statusCode}${code ? ` ${code}` : ''} to ${method} ${key}${message ? `: ${message}` : ''}`);
  }
}

function isSuccess(response: IncomingMessage): boolean {
  return (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
}
