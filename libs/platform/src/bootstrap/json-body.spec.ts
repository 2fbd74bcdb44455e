import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '../errors/problem.js';
import { duplicateKeyIn, verifyJsonBody } from './json-body.js';

function refusal(bytes: Buffer | string, encoding = 'utf-8'): ProblemException | undefined {
  try {
    verifyJsonBody(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), encoding);
    return undefined;
  } catch (error) {
    return error as ProblemException;
  }
}

describe('keys given twice in a JSON body', () => {
  it.each([
    ['at the top', '{"procedureCode":"1.006101","agencyCode":"x","procedureCode":"1.999999"}', 'procedureCode'],
    ['in a nested object', '{"applicant":{"name":"An","phone":"1","name":"Bình"}}', 'applicant.name'],
    ['in an object in an array', '{"documents":[{"requirement":1},{"requirement":2,"requirement":3}]}', 'documents[1].requirement'],
    ['spelled with an escape', '{"name":"a","n\\u0061me":"b"}', 'name'],
    ['with the same value', '{"a":1,"a":1}', 'a'],
    ['after nested values', '{"a":{"b":[1,{"c":"}"}]},"d":"\\"","a":2}', 'a'],
    ['in a top-level array', '[{"x":1},{"x":1,"x":2}]', '[1].x'],
  ])('are found %s, with where they are', (_, text, place) => {
    expect(duplicateKeyIn(text)).toBe(place);
  });

  it.each([
    ['the same key in sibling objects', '{"a":{"x":1},"b":{"x":2}}'],
    ['a value equal to a key', '{"name":"name","other":"name"}'],
    ['keys differing only by an escape that is not the same letter', '{"a":1,"\\u0062":2}'],
    ['quotes and braces inside strings', '{"a":"{\\"a\\":1}","b":"]["}'],
    ['an escaped backslash before the closing quote', '{"a\\\\":1,"a":2}'],
    ['text that is not JSON', '{"a": "b'],
    ['a broken escape', '{"\\x":1,"\\x":2}'],
  ])('are not confused with %s', (_, text) => {
    expect(duplicateKeyIn(text)).toBeUndefined();
  });

  it('scans absurd nesting and big bodies without recursion', () => {
    expect(duplicateKeyIn('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
    expect(duplicateKeyIn('{"a":'.repeat(50_000) + '{"k":1,"k":2}' + '}'.repeat(50_000))).toMatch(/^a(\.a)*\.k$/);
    const catalog = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ code: `1.${i}`, name: 'Cấp giấy phép lái xe'.repeat(20), documents: [{ name: 'Đơn', quantity: 1 }] })) });
    const started = Date.now();
    expect(duplicateKeyIn(catalog)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses them as a malformed body naming the key', () => {
    const problem = refusal('{"procedureCode":"1","procedureCode":"2"}');
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem?.getStatus()).toBe(400);
    expect(problem).toMatchObject({ code: 'malformed-body', extensions: { errors: [{ field: 'procedureCode', reason: 'is given more than once' }] } });
  });
});

describe('the bytes of a JSON body', () => {
  it.each([
    ['an overlong encoding of "."', [0xc0, 0xae]],
    ['a byte UTF-8 never has', [0xff]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe1, 0x80]],
    ['a code point beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('are refused when they are not UTF-8 (%s)', (_, bytes) => {
    const problem = refusal(Buffer.concat([Buffer.from('{"name":"An'), Buffer.from(bytes), Buffer.from('"}')]));
    expect(problem).toMatchObject({ code: 'malformed-body', detail: expect.stringContaining('UTF-8') });
    expect(problem?.getStatus()).toBe(400);
  });

  it('are refused in a charset other than UTF-8', () => {
    const problem = refusal(Buffer.from('{"a":1}', 'utf16le'), 'utf-16le');
    expect(problem).toMatchObject({ code: 'unsupported-media-type' });
    expect(problem?.getStatus()).toBe(415);
  });

  it('are taken as UTF-8 with Vietnamese, emoji and a byte order mark', () => {
    expect(refusal('{"name":"Nguyễn Văn An 🤖"}')).toBeUndefined();
    expect(refusal(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toBeUndefined();
    expect(refusal('{"a":1}', 'UTF-8')).toBeUndefined();
  });
});
