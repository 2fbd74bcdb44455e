import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { isValidSignature, signCallback } from './callback-signature.js';

const secret = 'a-callback-secret-of-the-carrier';
const body = Buffer.from('{"eventId":"E1","trackingNumber":"EB1VN","status":"delivered","occurredAt":"2026-03-21T09:00:00+07:00"}');

describe('carrier callback signatures', () => {
  it('signs the raw body with HMAC-SHA256, hex, prefixed sha256=', () => {
    expect(signCallback(body, secret)).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  });

  it('accepts the signature of the exact bytes, in either case of hex digits', () => {
    const signature = signCallback(body, secret);
    expect(isValidSignature(body, signature, secret)).toBe(true);
    expect(isValidSignature(body, `sha256=${signature.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it('refuses another secret, changed bytes, even re-serialised JSON of the same content', () => {
    const signature = signCallback(body, secret);
    expect(isValidSignature(body, signature, 'another-secret-entirely!')).toBe(false);
    expect(isValidSignature(Buffer.from(body.toString().replace('delivered', 'cancelled')), signature, secret)).toBe(false);
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(isValidSignature(reformatted, signature, secret)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without the prefix', createHmac('sha256', secret).update(body).digest('hex')],
    ['another algorithm', `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`],
    ['too short', 'sha256=abcd'],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['too long', `sha256=${'a'.repeat(66)}`],
  ])('refuses a signature %s', (_what, signature) => {
    expect(isValidSignature(body, signature, secret)).toBe(false);
  });

  it('refuses a request without a body', () => {
    expect(isValidSignature(undefined, signCallback('', secret), secret)).toBe(false);
  });
});
