import { describe, expect, it } from '@jest/globals';
import type { OutgoingMessage } from 'node:http';
import { localiseProblem, problemLanguage, setProblemLanguageHeaders } from './problem-language.js';
import { reasonInVietnamese } from './problem-messages.vi.js';
import type { ProblemDocument } from './problem.js';

describe('the language of a problem answer', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['*', 'vi'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr', 'vi'],
    ['fr, en;q=0.5', 'en'],
    ['en, vi', 'en'],
    ['vi, en', 'vi'],
    ['vi;q=0.8, en', 'en'],
    ['en;q=0.8, vi', 'vi'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'vi'],
    ['en;q=0', 'vi'],
    ['en, *;q=0.5', 'en'],
    ['*;q=0.9, en;q=0.5', 'vi'],
    ['en;q=2', 'vi'],
    ['en;q=abc', 'vi'],
    ['engl!sh', 'vi'],
    [['fr', 'en;q=0.4'], 'en'],
  ])('Accept-Language %p answers %p', (header, language) => {
    expect(problemLanguage(header as string | string[] | undefined)).toBe(language);
  });
});

describe('a problem in Vietnamese', () => {
  const problem: ProblemDocument = {
    type: 'urn:onestop:problem:validation-failed',
    title: 'Bad request',
    status: 400,
    code: 'validation-failed',
    detail: 'limit: limit must not be greater than 200; bogus: is not a known field; code: must be a dossier code',
    instance: '/api/v1/dossiers',
    requestId: 'r-1',
    errors: [
      { field: 'limit', reason: 'limit must not be greater than 200' },
      { field: 'bogus', reason: 'is not a known field' },
      { field: 'code', reason: 'code must be a dossier code such as 000.00.01.H56-260316-0001' },
    ],
  };

  it('takes title and detail from the catalogue, keeps code, status, fields and members, and translates generic reasons only', () => {
    const vi = localiseProblem(problem, 'vi');
    expect(vi).toEqual({
      ...problem,
      title: 'Dữ liệu không hợp lệ',
      detail: 'Dữ liệu gửi lên không hợp lệ; xem lý do từng trường trong errors: limit, bogus, code.',
      errors: [
        { field: 'limit', reason: 'không được lớn hơn 200' },
        { field: 'bogus', reason: 'không phải là trường mà thao tác này nhận' },
        { field: 'code', reason: 'code must be a dossier code such as 000.00.01.H56-260316-0001' },
      ],
    });
    expect(Object.keys(vi)).toEqual(Object.keys(problem));
  });

  it('is left as raised in English', () => {
    expect(localiseProblem(problem, 'en')).toBe(problem);
  });

  it('takes values from the problem\'s members, not from the English text', () => {
    const conflict = { type: 'x', title: 'Conflict', status: 409, code: 'dossier-not-ratable', detail: 'The service is rated once the result is ready.', currentStatus: 'processing' };
    expect(localiseProblem(conflict, 'vi')).toMatchObject({ title: 'Xung đột', detail: 'Chỉ đánh giá được khi đã có kết quả giải quyết (trạng thái hiện tại: processing).', currentStatus: 'processing' });
  });

  it('falls back on the status\'s title for a code the catalogue lacks', () => {
    expect(localiseProblem({ type: 'x', title: 'Not found', status: 404, code: 'no-such-code', detail: 'x' }, 'vi')).toMatchObject({ title: 'Không tìm thấy', detail: 'Yêu cầu không thực hiện được.' });
  });

  it.each([
    ['name should not be empty', 'không được để trống'],
    ['each value in scopes must be one of the following values: sync:read, postal', 'mỗi giá trị phải là một trong các giá trị: sync:read, postal'],
    ['name must be shorter than or equal to 200 characters', 'dài tối đa 200 ký tự'],
    ['documents must contain no more than 200 elements', 'có tối đa 200 phần tử'],
    ['must be within the last 30 days and not in the future', 'must be within the last 30 days and not in the future'],
  ])('gives the reason %p as %p', (reason, vietnamese) => {
    expect(reasonInVietnamese(reason)).toBe(vietnamese);
  });
});

describe('the headers of a problem answer', () => {
  const response = (vary?: string) => {
    const headers = new Map<string, unknown>(vary ? [['vary', vary]] : []);
    return {
      headers,
      setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
      getHeader: (name: string) => headers.get(name.toLowerCase()),
    } as unknown as Pick<OutgoingMessage, 'setHeader' | 'getHeader'> & { headers: Map<string, unknown> };
  };

  it('say the language and that the answer varies with Accept-Language, once', () => {
    const plain = response();
    setProblemLanguageHeaders(plain, 'vi');
    expect(Object.fromEntries(plain.headers)).toEqual({ 'content-language': 'vi', vary: 'Accept-Language' });
    const cors = response('Origin');
    setProblemLanguageHeaders(cors, 'en');
    setProblemLanguageHeaders(cors, 'en');
    expect(Object.fromEntries(cors.headers)).toEqual({ 'content-language': 'en', vary: 'Origin, Accept-Language' });
  });
});
