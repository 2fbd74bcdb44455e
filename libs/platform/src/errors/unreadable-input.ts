import type { ArgumentMetadata } from '@nestjs/common';
import { type FieldProblem, ProblemException } from './problem.js';

/** Deeper than any body the API takes; deeper ones would only exhaust the stack of the validators. */
export const MAX_INPUT_DEPTH = 32;

/** Keys no input may carry: class-transformer drops them silently, so they would slip past "unknown fields are refused". */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const CHECKED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

/** A surrogate not in a pair (`u` mode reads a pair as one code point, so only lone ones match). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be taken, or undefined when it can. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the NUL character (U+0000), which no text may hold';
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return `contains a lone surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}), half of a character that no text may hold`;
  return undefined;
}

/**
 * Input no operation can take, refused before validation whatever the operation: text holding
 * the NUL character (U+0000) or a lone surrogate (JSON's `"\ud800"`: half of a UTF-16 pair, not
 * a character), which PostgreSQL text cannot store; keys such as `__proto__` or
 * `constructor`; bodies nested more than MAX_INPUT_DEPTH levels. The walk is iterative, so a
 * hostile body cannot exhaust the stack here either.
 */
export function refuseUnreadableInput(value: unknown, metadata: ArgumentMetadata): void {
  if (!CHECKED.has(metadata.type) || value === null || value === undefined) return;
  const nul: FieldProblem[] = [];
  const reserved: FieldProblem[] = [];
  const stack: Array<{ value: unknown; field: string; depth: number }> = [{ value, field: metadata.data ?? '', depth: 0 }];
  while (stack.length) {
    const { value: current, field, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorable(current);
      if (reason) nul.push({ field: field || metadata.type, reason });
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw ProblemException.badRequest('malformed-body', `The ${metadata.type} is nested more than ${MAX_INPUT_DEPTH} levels deep.`);
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, field: `${field}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(current)) {
      const child = field ? `${field}.${key}` : key;
      if (RESERVED_KEYS.has(key)) reserved.push({ field: child, reason: 'is not a known field' });
      const reason = unstorable(key);
      if (reason) nul.push({ field: child, reason });
      stack.push({ value: (current as Record<string, unknown>)[key], field: child, depth: depth + 1 });
    }
  }
  if (nul.length) {
    throw ProblemException.badRequest('invalid-characters', nul.map((p) => `${p.field}: ${p.reason}`).join('; '), nul);
  }
  if (reserved.length) {
    throw ProblemException.badRequest('validation-failed', reserved.map((p) => `${p.field}: ${p.reason}`).join('; '), reserved);
  }
}
