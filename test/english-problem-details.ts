import request from 'supertest';

// Problem answers are in Vietnamese unless the caller asks for English (`Accept-Language: en`).
// The tests assert on the English `detail`s, written where each problem is raised, so every
// supertest request sends `Accept-Language: en` unless it sets its own: a test of the Vietnamese
// answers sets `Accept-Language: vi` (or sends no header at all through node:http). Requests sent
// through node:http or raw sockets are left as written.
const Test = (request as unknown as { Test: { prototype: { end(fn?: unknown): unknown; get(field: string): unknown; set(field: string, value: string): unknown } } }).Test;
const end = Test.prototype.end;
Test.prototype.end = function (this: typeof Test.prototype, fn?: unknown) {
  if (this.get('accept-language') === undefined) this.set('Accept-Language', 'en');
  return end.call(this, fn);
};
