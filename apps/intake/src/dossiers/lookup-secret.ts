import { randomInt } from 'node:crypto';

/** Crockford's base32 without look-alikes (no I, L, O, U): easy to read off a receipt and type. */
const LOOKUP_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKUP_LENGTH = 12; // 60 bits: not guessable, even without rate limits

/**
 * A lookup code (mã tra cứu): printed on a dossier's receipt, answered once to whoever files a
 * complaint; whoever holds it reads what it opens without signing in.
 */
export function newLookupSecret(): string {
  return Array.from({ length: LOOKUP_LENGTH }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]).join('');
}
