import { randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32 without look-alikes (no I, L, O, U): easy to read off a receipt and type. */
const LOOKUP_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKUP_LENGTH = 12; // 60 bits: not guessable, even without rate limits

/**
 * A lookup code as people may type it: 12 letters or digits, in either case, with hyphens or
 * spaces anywhere (`q7mk-3xhp-9t2d`). What they stand for is decided by `normaliseLookupCode`.
 */
export const LOOKUP_CODE_INPUT_PATTERN = /^[ -]*(?:[0-9A-Za-z][ -]*){12}$/;

/**
 * A lookup code (mã tra cứu): printed on a dossier's receipt, answered once to whoever files a
 * complaint; whoever holds it reads what it opens without signing in.
 */
export function newLookupSecret(): string {
  return Array.from({ length: LOOKUP_LENGTH }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]).join('');
}

/**
 * What a typed lookup code stands for, read as Crockford's base32 decoding reads it: case does
 * not matter, hyphens and spaces are ignored, O is 0, I and L are 1. U (never issued) stays
 * itself and so matches no code. A code as issued comes back unchanged.
 */
export function normaliseLookupCode(typed: string): string {
  return typed
    .replace(/[ -]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/**
 * Whether a typed lookup code is the one issued, in constant time: every check of a dossier's
 * (and a complaint's) lookup code goes through here or `normaliseLookupCode`.
 */
export function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(normaliseLookupCode(offered));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a lookup code may be typed, for the API description of every parameter that takes one. */
export const LOOKUP_CODE_TYPING = 'Case, hyphens and spaces do not matter, and O is read as 0, I and L as 1 (Crockford base32).';
