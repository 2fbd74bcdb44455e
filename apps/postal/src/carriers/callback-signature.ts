import { isValidBodySignature, signBody } from '@onestop/platform';

/** The header a carrier signs its callbacks in: `X-Carrier-Signature: sha256=<hex>`. */
export const SIGNATURE_HEADER = 'x-carrier-signature';

/** The signature of a callback body: HMAC-SHA256 with the shared secret, hex, prefixed `sha256=` (the platform's body signature). */
export function signCallback(body: Buffer | string, secret: string): string {
  return signBody(body, secret);
}

/** Whether `signature` is the body's signature with `secret`, compared in constant time. */
export function isValidSignature(body: Buffer | undefined, signature: string | undefined, secret: string): boolean {
  return isValidBodySignature(body, signature, secret);
}
