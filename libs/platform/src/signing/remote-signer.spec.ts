import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderFormPdf } from '../pdf/render-form.js';
import { pdfsig } from '../testing/pdfsig.js';
import { assembleCms, signedAttributes } from './cms.js';
import { signPdf, type ResultStamp } from './pades.js';
import { loadPkcs12 } from './pkcs12-signer.js';
import { RemoteHttpSigner } from './remote-signer.js';
import { SignerRefusedError, SignerUnavailableError } from './result-signer.js';
import { createAgencyPkcs12, createTestAuthority } from './test-ca.js';
import { verifyPdfSignature } from './verify-pdf.js';

const API_KEY = 'remote-signing-test-key';

/**
 * A remote signing service as the national and commercial ones work: it holds the agency's key,
 * takes a hash, keeps the request pending until the signer confirms (here: after `confirmAfter`
 * polls), then answers the CMS. Real HTTP on a port of its own.
 */
function fakeSigningService(p12: Buffer, password: string) {
  const { key, certificates } = loadPkcs12(p12, password, 'fake');
  const requests: Array<{ method: string; url: string; authorization?: string; body: Record<string, unknown> | null }> = [];
  const pending = new Map<string, { digest: Buffer; polls: number }>();
  let mode: 'sign' | 'refuse' | 'fail' = 'sign';
  let confirmAfter = 2;
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== `Bearer ${API_KEY}`) return answer(401, { error: 'unauthorised' });
    if (mode === 'fail') return answer(503, { error: 'maintenance' });
    if (req.method === 'POST' && req.url === '/v1/signatures') {
      const id = `sig-${requests.length}`;
      pending.set(id, { digest: Buffer.from(String(body!.documentDigest), 'base64'), polls: 0 });
      return answer(202, { id, status: 'pending' });
    }
    const match = /^\/v1\/signatures\/([\w-]+)$/.exec(req.url!);
    const request = match ? pending.get(match[1]) : undefined;
    if (req.method === 'GET' && request) {
      if (mode === 'refuse') return answer(200, { id: match![1], status: 'refused', reason: 'Người ký từ chối' });
      request.polls += 1;
      if (request.polls < confirmAfter) return answer(200, { id: match![1], status: 'pending' });
      const attributes = signedAttributes(request.digest, certificates[0]);
      const cms = assembleCms({ signedAttributes: attributes, signature: sign('sha256', attributes, key), certificates });
      return answer(200, { id: match![1], status: 'signed', signature: cms.toString('base64') });
    }
    answer(404, { error: 'not found' });
  });
  return {
    server,
    requests,
    set mode(value: 'sign' | 'refuse' | 'fail') {
      mode = value;
    },
    set confirmAfter(value: number) {
      confirmAfter = value;
    },
  };
}

const STAMP: ResultStamp = {
  agencyCode: '000.00.12.H56',
  agencyName: 'Sở Tư pháp',
  signerTitle: 'Giám đốc',
  signedAt: new Date('2026-12-04T03:05:00Z'),
  dossierCode: '000.00.12.H56-261204-0002',
  verificationCode: 'AB12-CD34-EF56',
  verificationUrl: 'http://localhost:3000/api/v1/results/verify?code=AB12-CD34-EF56',
};

describe('the remote signing service adapter', () => {
  const authority = createTestAuthority();
  const fake = fakeSigningService(createAgencyPkcs12(authority, { agencyCode: STAMP.agencyCode, agencyName: STAMP.agencyName }, 'p12-pass'), 'p12-pass');
  let baseUrl: string;
  const signer = (overrides: Partial<ConstructorParameters<typeof RemoteHttpSigner>[0]> = {}) =>
    new RemoteHttpSigner({ baseUrl, apiKey: API_KEY, timeoutMs: 2000, pollMs: 20, waitMs: 2000, ...overrides });

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('sends only the hash, waits for the signer to confirm, and embeds a signature that pdfsig and our check accept', async () => {
    fake.mode = 'sign';
    fake.confirmAfter = 3;
    fake.requests.length = 0;
    const pdf = await renderFormPdf({ formNumber: 'KQ', issuer: 'UBND tỉnh', title: 'Quyết định', body: [{ kind: 'paragraph', text: 'Nội dung' }] });
    const signed = await signPdf(pdf, STAMP, signer());
    expect((await pdfsig(signed)).valid).toBe(true);
    expect(verifyPdfSignature(signed, [new X509Certificate(authority.certificatePem)])).toMatchObject({ intact: true, signatureValid: true, trusted: true });
    const [create, ...polls] = fake.requests;
    expect(create).toMatchObject({ method: 'POST', url: '/v1/signatures', authorization: `Bearer ${API_KEY}`, body: { agencyCode: STAMP.agencyCode, hashAlgorithm: 'SHA-256', signatureFormat: 'CAdES-detached' } });
    // A SHA-256 (32 bytes), never the document.
    expect(Buffer.from(String(create.body!.documentDigest), 'base64')).toHaveLength(32);
    expect(JSON.stringify(create.body).length).toBeLessThan(400);
    expect(polls.map((p) => p.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('tells a refusal from an outage, and gives up when the signer never confirms', async () => {
    const digest = Buffer.alloc(32, 7);
    fake.mode = 'refuse';
    await expect(signer().sign({ agencyCode: STAMP.agencyCode, documentDigest: digest, description: 'x' })).rejects.toBeInstanceOf(SignerRefusedError);
    fake.mode = 'fail';
    await expect(signer().sign({ agencyCode: STAMP.agencyCode, documentDigest: digest, description: 'x' })).rejects.toBeInstanceOf(SignerUnavailableError);
    fake.mode = 'sign';
    fake.confirmAfter = 1000;
    await expect(signer({ waitMs: 200 }).sign({ agencyCode: STAMP.agencyCode, documentDigest: digest, description: 'x' })).rejects.toThrow(/not confirmed within 200 ms/);
    await expect(signer({ apiKey: 'a-wrong-key' }).sign({ agencyCode: STAMP.agencyCode, documentDigest: digest, description: 'x' })).rejects.toBeInstanceOf(SignerRefusedError);
    await expect(new RemoteHttpSigner({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: API_KEY, timeoutMs: 500, pollMs: 20, waitMs: 500 }).sign({ agencyCode: STAMP.agencyCode, documentDigest: digest, description: 'x' })).rejects.toBeInstanceOf(SignerUnavailableError);
  });
});
