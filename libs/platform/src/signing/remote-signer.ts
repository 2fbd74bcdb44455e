import { Logger } from '@nestjs/common';
import { ResultSigner, type SignatureRequest, SignerRefusedError, SignerUnavailableError } from './result-signer.js';

export interface RemoteSignerOptions {
  /** Base URL of the signing service's API. */
  baseUrl: string;
  /** The credential presented to it (`Authorization: Bearer …`). */
  apiKey: string;
  /** How long one HTTP call may take, in milliseconds. */
  timeoutMs: number;
  /** How often to ask whether the signature is ready, in milliseconds. */
  pollMs: number;
  /** How long to wait for the signer (a person confirming on their device) before giving up, in milliseconds. */
  waitMs: number;
}

interface SignatureState {
  id?: unknown;
  status?: unknown;
  signature?: unknown;
  reason?: unknown;
}

/**
 * A remote signing service in the two-step form the national and commercial remote-signing
 * services use: `POST /signatures` with the document's hash (SHA-256 of the PDF's byte ranges,
 * base64) answers an id while the signer confirms; `GET /signatures/{id}` answers `pending`, then
 * `signed` with the detached CMS (base64), or `refused`. The key stays with the service; only
 * the hash leaves this system, never the document.
 */
export class RemoteHttpSigner extends ResultSigner {
  private readonly logger = new Logger('RemoteSigner');

  constructor(private readonly options: RemoteSignerOptions) {
    super();
  }

  override async sign(request: SignatureRequest): Promise<Buffer> {
    const created = (await this.call('POST', 'signatures', {
      agencyCode: request.agencyCode,
      hashAlgorithm: 'SHA-256',
      documentDigest: request.documentDigest.toString('base64'),
      signatureFormat: 'CAdES-detached',
      description: request.description,
    })) as SignatureState;
    if (typeof created.id !== 'string' || !created.id) throw new SignerUnavailableError('the signing service accepted the request without an id');
    const deadline = Date.now() + this.options.waitMs;
    let state = created;
    while (state.status !== 'signed') {
      if (state.status === 'refused') throw new SignerRefusedError(`the signing service refused to sign: ${typeof state.reason === 'string' ? state.reason.slice(0, 300) : 'no reason given'}`);
      if (state.status !== 'pending') throw new SignerUnavailableError(`the signing service answered a status it does not document: ${String(state.status).slice(0, 50)}`);
      if (Date.now() > deadline) throw new SignerUnavailableError(`the signature ${created.id} was not confirmed within ${this.options.waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
      state = (await this.call('GET', `signatures/${encodeURIComponent(created.id)}`)) as SignatureState;
    }
    if (typeof state.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(state.signature)) throw new SignerUnavailableError('the signing service answered a signature that is not base64');
    this.logger.log(`signature ${created.id} for ${request.agencyCode} received`);
    return Buffer.from(state.signature, 'base64');
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers: { accept: 'application/json', authorization: `Bearer ${this.options.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new SignerUnavailableError(`the signing service did not answer ${method} /${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) throw new SignerUnavailableError(`the signing service answered ${method} /${path} with HTTP ${response.status}`);
    if (response.status >= 400) throw new SignerRefusedError(`the signing service answered ${method} /${path} with HTTP ${response.status}: ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SignerUnavailableError(`the signing service answered ${method} /${path} with a body that is not JSON`);
    }
  }
}
