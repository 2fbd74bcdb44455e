import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from './problem.js';
import { ProblemDetailsFilter } from './problem.filter.js';
import { MAX_INPUT_DEPTH, refuseUnreadableInput } from './unreadable-input.js';

const body = { type: 'body' as const };

function refusal(value: unknown, metadata: Parameters<typeof refuseUnreadableInput>[1] = body): ProblemException | undefined {
  try {
    refuseUnreadableInput(value, metadata);
    return undefined;
  } catch (error) {
    return error as ProblemException;
  }
}

describe('input no operation can take', () => {
  it('refuses text with the NUL character, naming where it is', () => {
    const problem = refusal({ applicant: { name: 'An\u0000' }, documents: [{ title: 'ok' }, { title: '\u0000' }] });
    expect(problem).toMatchObject({ code: 'invalid-characters', extensions: { errors: [{ field: 'documents[1].title' }, { field: 'applicant.name' }] } });
    expect(problem?.getStatus()).toBe(400);
    expect(refusal('000.00.01\u0000', { type: 'param', data: 'code' })).toMatchObject({ code: 'invalid-characters', extensions: { errors: [{ field: 'code' }] } });
    expect(refusal({ q: 'a\u0000' }, { type: 'query' })).toMatchObject({ code: 'invalid-characters' });
  });

  it('refuses text with a lone surrogate, naming where it is, in bodies and query strings', () => {
    const problem = refusal(JSON.parse('{"contact":{"name":"A\\ud800n"},"reason":"\\udc00","ok":"\\ud83d\\ude00"}'));
    expect(problem).toMatchObject({ code: 'invalid-characters' });
    expect(problem?.getStatus()).toBe(400);
    expect((problem?.extensions.errors as Array<{ field: string; reason: string }>).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'contact.name', reason: expect.stringContaining('lone surrogate (U+D800)') },
      { field: 'reason', reason: expect.stringContaining('U+DC00') },
    ]);
    expect(refusal({ q: 'Nguy\ud800n' }, { type: 'query' })).toMatchObject({ code: 'invalid-characters', extensions: { errors: [{ field: 'q' }] } });
    expect(refusal(JSON.parse('{"\\ud800":1}'))).toMatchObject({ code: 'invalid-characters', extensions: { errors: [{ field: '\ud800' }] } });
    expect(refusal({ name: 'Nguyễn 🤖 An' })).toBeUndefined();
  });

  it('refuses keys that class-transformer would drop silently', () => {
    const problem = refusal(JSON.parse('{"name":"x","constructor":true,"nested":{"__proto__":{"admin":true}}}'));
    expect(problem).toMatchObject({ code: 'validation-failed' });
    expect((problem?.extensions.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['constructor', 'nested.__proto__']);
  });

  it('refuses absurd nesting without exhausting the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(refusal(deep)).toMatchObject({ code: 'malformed-body' });
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = { next: fine };
    expect(refusal(fine)).toBeUndefined();
  });

  it('lets ordinary input and what it does not check through', () => {
    expect(refusal({ name: 'Nguyễn Văn An', tags: ['a', 'b'], n: 1, empty: null })).toBeUndefined();
    expect(refusal({ anything: '\u0000' }, { type: 'custom' })).toBeUndefined();
    expect(refusal(undefined)).toBeUndefined();
  });
});

describe("the body parser's refusals as problems", () => {
  const filter = new ProblemDetailsFilter();
  const request = { originalUrl: '/api/v1/fields', method: 'POST' } as Request;
  const parserError = (status: number, message: string, type?: string) => Object.assign(new Error(message), { status, statusCode: status, expose: true, ...(type ? { type } : {}) });
  const wrapped = (error: Error & { status: number }) => new HttpException(error.message, error.status, { cause: error });

  it('answers a body that does not inflate as malformed, with a readable title', () => {
    const problem = filter.toProblem(wrapped(parserError(400, 'incorrect header check')), request);
    expect(problem).toMatchObject({ status: 400, code: 'malformed-body', title: 'Bad request' });
  });

  it('answers an unknown charset or content encoding as an unsupported media type', () => {
    expect(filter.toProblem(wrapped(parserError(415, 'unsupported charset "LATIN1"', 'charset.unsupported')), request)).toMatchObject({ status: 415, code: 'unsupported-media-type', detail: expect.stringContaining('LATIN1') });
    expect(filter.toProblem(wrapped(parserError(415, 'unsupported content encoding "x-unknown"', 'encoding.unsupported')), request)).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('titles a plain HttpException with its status words', () => {
    expect(filter.toProblem(new HttpException('nope', 409), request)).toMatchObject({ status: 409, code: 'conflict', title: 'Conflict' });
  });
});
