import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * The signature outside systems put on what they send us (a carrier's callbacks, an SMS or Zalo
 * provider's delivery receipts): HMAC-SHA256 of the exact body with the shared secret, hex,
 * prefixed `sha256=`.
 */
export function signBody(body: Buffer | string, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Whether `signature` is the body's signature with `secret`, compared in constant time. Any
 * malformed header (missing, wrong prefix, not 64 hex digits) is simply not valid.
 */
export function isValidBodySignature(body: Buffer | undefined, signature: string | undefined, secret: string): boolean {
  if (!body || !signature || !signature.startsWith(PREFIX)) return false;
  const offered = signature.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(offered)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(Buffer.from(offered, 'hex'), expected);
}
