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

  it('uses the extra row only to know there is a next page', () => {
    const page = toPage([{ id: 1 }, { id: 2 }, { id: 3 }], 2, (last) => ({ id: last.id }));
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(page.nextCursor!, { id: 'number' })).toEqual({ id: 2 });
    expect(toPage([{ id: 1 }], 2, (last) => ({ id: last.id })).nextCursor).toBeNull();
  });
});
