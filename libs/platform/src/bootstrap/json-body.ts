import type { IncomingMessage } from 'node:http';
import { json, type RequestHandler } from 'express';
import { ProblemException } from '../errors/problem.js';

/** One open object or array while scanning a JSON text, with what is needed to name a place in it. */
interface Container {
  parent: Container | undefined;
  /** An object's keys so far; undefined for an array. */
  keys: Set<string> | undefined;
  /** In an object: the next string is a key. */
  expectsKey: boolean;
  /** In an object: the key whose value is being read; in an array: the index. */
  at: string | number;
}

/** `applicant.name`, `documents[1].requirement`: the place of `key` in `container`, as validation names fields. */
function placeOf(container: Container, key: string | number): string {
  const parts: Array<string | number> = [key];
  for (let c = container; c.parent; c = c.parent) parts.push(c.parent.at);
  return parts
    .reverse()
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** Index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * The place of the first key an object of this JSON text holds twice (`procedureCode`,
 * `applicant.name`), compared as JSON.parse reads them (`"name"` and `"n\u0061me"` are one key),
 * or undefined. JSON.parse keeps the last silently, so a second `procedureCode` would change the
 * procedure without a word. One pass, without recursion (any depth); a text that is not JSON is
 * left to JSON.parse to refuse.
 */
export function duplicateKeyIn(text: string): string | undefined {
  let top: Container | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = closingQuote(text, i);
      if (end < 0) return undefined;
      if (top?.keys && top.expectsKey) {
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            return undefined;
          }
        }
        if (top.keys.has(key)) return placeOf(top, key);
        top.keys.add(key);
        top.at = key;
        top.expectsKey = false;
      }
      i = end;
    } else if (c === 0x7b) {
      top = { parent: top, keys: new Set(), expectsKey: true, at: '' };
    } else if (c === 0x5b) {
      top = { parent: top, keys: undefined, expectsKey: false, at: 0 };
    } else if (c === 0x7d || c === 0x5d) {
      top = top?.parent;
    } else if (c === 0x2c && top) {
      if (top.keys) top.expectsKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What the JSON parser's `verify` hook checks of a body's bytes before they are parsed: UTF-8
 * (RFC 8259: JSON between systems is UTF-8; other `utf-` charsets, which the parser would
 * take, are a 415) that decodes (the parser would turn `C0 AE` or `FF` into U+FFFD and the
 * service would store it), and no key given twice. Both are 400 `malformed-body`; a duplicate
 * names its key.
 */
export function verifyJsonBody(buffer: Buffer, encoding: string): void {
  if (!/^utf-?8$/i.test(encoding)) {
    throw new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', `The body cannot be read: charset "${encoding.slice(0, 40)}"; send JSON in UTF-8.`);
  }
  let text: string;
  try {
    text = UTF8.decode(buffer);
  } catch {
    throw ProblemException.badRequest('malformed-body', 'The request body is not valid UTF-8: send JSON text encoded in UTF-8.');
  }
  const found = duplicateKeyIn(text);
  if (found !== undefined) {
    // A key may be as long as the body: name it, not all of it.
    const duplicate = found.length > 200 ? `${found.slice(0, 200)}…` : found;
    throw ProblemException.badRequest('malformed-body', `${duplicate}: is given more than once; send each key once.`, [{ field: duplicate, reason: 'is given more than once' }]);
  }
}

/** Where the verify hook leaves its refusal, for the parser's callback to pass on. */
const REFUSAL = Symbol('json-body-refusal');
type CheckedRequest = IncomingMessage & { [REFUSAL]?: unknown };

/**
 * The JSON body parser of every service and of the gateway's own routes: express.json with
 * verifyJsonBody, and `keep` to keep the exact bytes of some requests (signed callbacks). A
 * refusal is passed on as the ProblemException it is: thrown inside the hook, body-parser would
 * dress it as an http-error (a 403 `entity.verify.failed`) and Nest would wrap that again.
 */
export function jsonBodyParser(limit: number, keep?: (req: IncomingMessage, buffer: Buffer) => void): RequestHandler {
  const parse = json({
    limit,
    type: ['application/json', 'application/*+json'],
    verify: (req: CheckedRequest, _res: unknown, buffer: Buffer, encoding: string) => {
      try {
        verifyJsonBody(buffer, encoding);
      } catch (refusal) {
        req[REFUSAL] = refusal;
        return;
      }
      keep?.(req, buffer);
    },
  });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const refusal = (req as CheckedRequest)[REFUSAL];
      next(refusal ?? error);
    });
}
