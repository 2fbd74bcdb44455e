import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '../errors/problem.js';
import { decodeCursor, encodeCursor, toPage } from './paging.js';

describe('cursor paging', () => {
  it('round-trips a position through an opaque cursor', () => {
    const cursor = encodeCursor({ code: '1.003560', seq: 42 });
    expect(cursor).not.toContain('1.003560');
    expect(decodeCursor(cursor, { code: 'string', seq: 'number' })).toEqual({ code: '1.003560', seq: 42 });
  });

  it.each([['garbage!'], [encodeCursor({ other: 'x' })], [encodeCursor({ code: 5 })], [Buffer.from('[1]').toString('base64url')]])(
    'refuses a cursor it did not issue (%s) with 400 invalid-cursor',
    (cursor) => {
      try {
        decodeCursor(cursor, { code: 'string' });
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(ProblemException);
        expect((error as ProblemException).code).toBe('invalid-cursor');
      }
    },
  );

  it.each([
    ['a time that is not one', { at: 'yesterday' }, { at: 'instant' }],
    ['an impossible time', { at: '2026-02-30T25:00:00Z' }, { at: 'instant' }],
    ['a day that does not exist', { at: '2026-02-30T00:00:00.000Z' }, { at: 'instant' }],
    ['an offset PostgreSQL refuses', { at: '2026-03-16T10:00:00+23:59' }, { at: 'instant' }],
    ['a sequence that is not a number', { seq: '12; DROP TABLE x' }, { seq: 'digits' }],
    ['a sequence beyond bigint', { seq: '99999999999999999999' }, { seq: 'digits' }],
    ['an id that is not a UUID', { id: 'not-a-uuid' }, { id: 'uuid' }],
    ['a number that is not finite', { rank: null }, { rank: 'number' }],
    ['year 0000, outside PostgreSQL\'s range', { at: '0000-01-01T00:00:00.000Z' }, { at: 'instant' }],
    ['a six-digit year', { at: '+010000-01-01T00:00:00.000Z' }, { at: 'instant' }],
    ['a negative year', { at: '-000001-01-01T00:00:00.000Z' }, { at: 'instant' }],
    ['an integer with a fraction', { rank: 1.5 }, { rank: 'integer' }],
    ['an integer beyond any column', { rank: 1e308 }, { rank: 'integer' }],
    ['an integer written as text', { rank: '1' }, { rank: 'integer' }],
    ['an integer beyond PostgreSQL\'s integer', { rank: 2_147_483_648 }, { rank: 'integer' }],
    ['the NUL character in text', { code: 'a\u0000' }, { code: 'string' }],
    ['a lone high surrogate in text', { code: 'a\ud800' }, { code: 'string' }],
    ['a lone low surrogate in text', { code: '\udc00b' }, { code: 'string' }],
  ] as const)('refuses a forged cursor holding %s, before any SQL casts it', (_, position, shape) => {
    expect(() => decodeCursor(encodeCursor(position as Record<string, string>), shape)).toThrow(ProblemException);
  });

  it('accepts the positions its own pages hand out', () => {
    const position = { at: new Date('2026-03-16T03:00:00.123Z').toISOString(), seq: '42', id: '7d9f2c1e-3b4a-4c5d-8e6f-0a1b2c3d4e5f', rank: 2, name: 'Nguyễn 𝕳 An' };
    expect(decodeCursor(encodeCursor(position), { at: 'instant', seq: 'digits', id: 'uuid', rank: 'integer', name: 'string' })).toEqual(position);
    expect(decodeCursor(encodeCursor({ at: '0001-01-01T00:00:00.000Z' }), { at: 'instant' })).toEqual({ at: '0001-01-01T00:00:00.000Z' });
  });

  it('names the cursor as the field at fault, and refuses bytes that are not UTF-8', () => {
    const refusal = (cursor: string) => {
      try {
        decodeCursor(cursor, { code: 'string' });
      } catch (error) {
        return error as ProblemException;
      }
      throw new Error('accepted');
    };
    expect(refusal('eyJjb2RlIjogIlx1MDAwMCJ9')).toMatchObject({ code: 'invalid-cursor', extensions: { errors: [{ field: 'cursor' }] } });
    expect(refusal(Buffer.concat([Buffer.from('{"code":"'), Buffer.from([0xff]), Buffer.from('"}')]).toString('base64url')).code).toBe('invalid-cursor');
  });

  it('uses the extra row only to know there is a next page', () => {
    const page = toPage([{ id: 1 }, { id: 2 }, { id: 3 }], 2, (last) => ({ id: last.id }));
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(page.nextCursor!, { id: 'number' })).toEqual({ id: 2 });
    expect(toPage([{ id: 1 }], 2, (last) => ({ id: last.id })).nextCursor).toBeNull();
  });
});
