import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * The gateway signs the tokens it issues with ES256 (ECDSA on P-256): small keys and tokens,
 * and verifiable by any JOSE library an identity provider's clients use.
 */
export const SIGNING_ALGORITHM = 'ES256';

/** A public key as published in the JWKS, with the id tokens name it by. */
export interface PublicSigningJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

export interface SigningKey {
  privateKey: KeyObject;
  publicJwk: PublicSigningJwk;
}

export const SIGNING_KEY_FORMATS = 'a P-256 (ES256) private key, as a JWK in JSON or as a PKCS8 PEM';

/**
 * Reads `AUTH_SIGNING_KEY`: a private JWK (`{"kty":"EC","crv":"P-256","x":…,"y":…,"d":…}`)
 * or a PKCS8 PEM (`-----BEGIN PRIVATE KEY-----`). Throws an Error saying what is wrong.
 */
export function parseSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    privateKey = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
      : // A PEM squeezed onto one line in an env file carries its line breaks as "\n".
        createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new Error(`must be ${SIGNING_KEY_FORMATS}; it could not be read as either`);
  }
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`must be ${SIGNING_KEY_FORMATS}; this is another kind of key`);
  }
  const { x, y } = createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string; y: string };
  return { privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x, y, kid: thumbprint(x, y), alg: SIGNING_ALGORITHM, use: 'sig' } };
}

/**
 * RFC 7638 JWK thumbprint: the key id is derived from the key itself, so a new key gets a new
 * id and services holding the old key set know to fetch it again.
 */
function thumbprint(x: string, y: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y })).digest('base64url');
}
