/**
 * What a signer is asked: sign, for `agencyCode`, the document whose signed byte ranges hash to
 * `documentDigest` (SHA-256). The answer is a detached CMS SignedData (RFC 5652) fit for a PAdES
 * signature (subfilter ETSI.CAdES.detached), with the signer's certificate in it.
 */
export interface SignatureRequest {
  agencyCode: string;
  documentDigest: Buffer;
  /** What is signed, in words, for the signing service's log and the signer's confirmation (never the document). */
  description: string;
}

/**
 * The agency's signing key, behind an adapter: a local PKCS#12 file (development and small
 * deployments) or a remote signing service (the national and commercial remote-signing services,
 * in their two-step form: send the hash, receive the CMS). Keys never leave the adapter: callers
 * get signatures, never keys.
 */
export abstract class ResultSigner {
  abstract sign(request: SignatureRequest): Promise<Buffer>;
}

/** The signer cannot sign now (the remote service is down or slow): a 503 to try again later. */
export class SignerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignerUnavailableError';
  }
}

/** The signer will not sign this (no certificate for the agency, refused by the signer): a 409, not retried. */
export class SignerRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignerRefusedError';
  }
}
