import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '@onestop/domain';
import { encodeCursor, FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { type Stack, eventually, startStack } from './stack.js';
import { DEPARTMENT, FIELD, MONDAY_10AM, PROVINCE, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';
import { type Json, type OpenApiDocument, type Operation, type Parameter, type Schema, operationsOf, shapeOf } from './openapi-document.js';

/**
 * Bad input, generated from the merged OpenAPI document: for every operation the gateway
 * documents, fast-check builds requests that are each wrong in one definite way (a wrong type,
 * a missing or unknown field, a value out of range, an unknown resource in the path, broken
 * JSON, a wrong content type...) and noisy in others (SQL and path-traversal strings, huge
 * strings, odd Unicode, invalid UTF-8). They are sent through the gateway with credentials
 * that pass authorisation, so they reach validation. Every answer must be a 4xx the operation
 * documents (or one of the platform answers the document lists under `x-platform-answers`),
 * as problem+json with a `code`; never a 5xx; and the database holds nothing from them.
 *
 * FUZZ_SEED and FUZZ_RUNS (runs per operation) change the run; the seed is printed, and each
 * failing operation's own seed with it. A failure reports the first bad request of each
 * operation as sent; FUZZ_SHRINK=1 lets fast-check shrink it to a smaller one first.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260316);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 30);
/** Operations fuzzed at once. */
const CONCURRENCY = 4;

const PROCEDURE = '1.006101';

/** Operations only machines' API keys reach (see test/access.e2e.spec.ts). */
const API_KEY_OPERATIONS = new Set(['DossierSync_push']);

/**
 * Tables whose rows a refused request may add by design: every service's audit log (and the
 * gateway's) records refused changes, and intake counts wrong lookup codes per dossier.
 */
const TABLES_OUTSIDE_THE_CHECK = new Set([...['gateway', 'catalog', 'intake', 'workflow', 'postal', 'reporting'].map((schema) => `${schema}.audit_log`), 'intake.lookup_attempts']);

// ---------------------------------------------------------------------------------------------
// Hostile strings

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE intake.dossiers; --",
  "1; SELECT pg_sleep(3)--",
  '" OR ""="',
  "1' UNION SELECT null, version() --",
  "%' AND 1=0 --",
  "\\'; --",
  '$1',
  "1.006101' --",
];
const TRAVERSAL = ['../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....//....//', '/internal/events', '..%c0%af..%c0%af', 'a%00b', 'file:///etc/passwd'];
const ODD_UNICODE = ['\uD800', '\uDFFFabc', 'a\u0000b', '\uFEFF', '𝕳𝖊𝖑𝖑𝖔', 'Nguye\u0302\u0303n', '\u202Eevil', '🤖'.repeat(40), 'line\r\nX-Injected: 1', '\u0085\u2028\u2029'];
const HUGE = 'Đ'.repeat(50_000); // 100 kB of UTF-8
/** ISO 8601 forms that class-validator's IsISO8601({ strict: true }) took and Date and PostgreSQL do not read. */
const ODD_ISO_FORMS = ['6521214', '2026-W01', '20261204T000000Z', '2026-12-04T10:00:00,5Z', '2026-12-04T10Z', '0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z'];
/** Lone surrogates: JSON.stringify writes them as `\ud800` escapes, which JSON.parse reads back as half a character. */
const LONE_SURROGATES = ['A\ud800n', '\udc00', 'x\ud83d'];
/** Bidirectional controls, refused in the names of people and organisations. */
const BIDI_NAMES = ['Nguyễn \u202EnA', '\u2066An\u2069', 'An\u200F', 'Bình\u061C'];
/** Bytes that are not UTF-8: an overlong encoding, a byte UTF-8 never has, an encoded surrogate, a sequence cut short. */
const INVALID_UTF8 = [[0xc0, 0xae], [0xff], [0xed, 0xa0, 0x80], [0xe1, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
/**
 * Forged cursors: a position with every key some list endpoint reads, valid, with one class of
 * forgery laid over it (times outside PostgreSQL's range, a rank that is not an integer, NUL or a
 * lone surrogate in text). An endpoint may not read the key forged, so these are noise: never a
 * 5xx, whatever the endpoint.
 */
const VALID_POSITION = { code: '1.000000', receivedAt: '2026-03-16T03:00:00.000Z', createdAt: '2026-03-16T03:00:00.000Z', filedAt: '2026-03-16T03:00:00.000Z', dueAt: '2026-03-16T03:00:00.000Z', uploadedAt: '2026-03-16T03:00:00.000Z', rank: 1, id: '7d9f2c1e-3b4a-4c5d-8e6f-0a1b2c3d4e5f', seq: '1', t: '1', i: '1' };
const INSTANT_KEYS = ['receivedAt', 'createdAt', 'filedAt', 'dueAt', 'uploadedAt'];
const FORGED_CURSORS: Array<[string, string]> = [
  ...['0000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z'].map((at): [string, string] => [`times ${at}`, encodeCursor({ ...VALID_POSITION, ...Object.fromEntries(INSTANT_KEYS.map((k) => [k, at])) })]),
  ...[1.5, 1e308, 2_147_483_648].map((rank): [string, string] => [`rank ${rank}`, encodeCursor({ ...VALID_POSITION, rank })]),
  ...['\u0000', 'a\ud800', '\udfffb'].map((text): [string, string] => [`text ${JSON.stringify(text)}`, encodeCursor({ ...VALID_POSITION, code: text, id: text })]),
  ['NUL in the code, as sent', 'eyJjb2RlIjogIlx1MDAwMCJ9'],
];
const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL), weight: 3 },
  { arbitrary: fc.constantFrom(...TRAVERSAL), weight: 2 },
  { arbitrary: fc.constantFrom(...ODD_UNICODE), weight: 3 },
  { arbitrary: fc.constant(HUGE), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
);

/** Raw path segments: already percent-encoded (or deliberately not). */
const HOSTILE_SEGMENTS = [
  ...SQL.map(encodeURIComponent),
  ...TRAVERSAL.map(encodeURIComponent),
  '..',
  '.',
  '..%2F..%2Finternal%2Fevents',
  '%2e%2e',
  '%FF',
  '%C3%28',
  '%ED%A0%80',
  '%',
  '%zz',
  encodeURIComponent('\u0000'),
  encodeURIComponent('𝕳𝖊𝖑𝖑𝖔'),
  'x'.repeat(4000),
  '%20',
  'null',
  'undefined',
  '-1',
  '0',
  '99999999999999999999999',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
];

function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Requests as generated, and how they are sent

interface Edit {
  /** What was done, for the report. */
  what: string;
  /** A definite fault: the request is wrong, whatever the server's rules, and must be refused. */
  fault: boolean;
}

interface FuzzRequest {
  op: Operation;
  pathSegments: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: { contentType?: string; bytes: Buffer; headers?: Record<string, string> };
  edits: Edit[];
}

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends one request. A keep-alive socket the server closed just as it was reused fails with
 * ECONNRESET before any answer (Node's documented race, `request.reusedSocket`): that request
 * is sent again once, on a fresh socket; any other transport error is a failure.
 */
async function send(base: string, req: FuzzRequest): Promise<Answer> {
  try {
    return await sendOnce(base, req);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return sendOnce(base, req);
    throw error;
  }
}

function sendOnce(base: string, req: FuzzRequest): Promise<Answer> {
  let path = req.op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => req.pathSegments[name] ?? 'x');
  if (req.query.length) path += `?${req.query.map(([k, v]) => `${encodeQueryValue(k)}=${v}`).join('&')}`;
  const url = new URL(base);
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string | number> = { ...req.headers, ...(req.body?.headers ?? {}) };
    if (req.body) {
      if (req.body.contentType !== undefined) headers['content-type'] = req.body.contentType;
      headers['content-length'] = req.body.bytes.length;
    }
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method: req.op.method.toUpperCase(), path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        let body: unknown = text;
        if (/json/.test(contentType)) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        resolvePromise({ status: res.statusCode ?? 0, contentType, body, text });
      });
      res.on('error', reject);
    });
    outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('no answer in 30 s')));
    if (req.body) outgoing.end(req.body.bytes);
    else outgoing.end();
  });
}

function describeRequest(req: FuzzRequest): string {
  const path = req.op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (req.pathSegments[name] ?? 'x').slice(0, 60));
  const query = req.query.map(([k, v]) => `${k}=${v.slice(0, 60)}`).join('&');
  const body = req.body ? ` [${req.body.contentType ?? 'no content-type'}] ${req.body.bytes.subarray(0, 300).toString('utf8')}${req.body.bytes.length > 300 ? `… (${req.body.bytes.length} bytes)` : ''}` : '';
  return `${req.op.method.toUpperCase()} ${path}${query ? `?${query}` : ''}${body}\n      edits: ${req.edits.map((e) => `${e.fault ? '!' : '~'}${e.what}`).join('; ')}`;
}

// ---------------------------------------------------------------------------------------------
// Values from the document: a valid-shaped baseline, and where it can be broken

/** A value of the shape the schema describes, from its examples where it has them. */
function baseline(doc: OpenApiDocument, node: Schema | undefined, requiredOnly = false, depth = 0): Json {
  const { types, schema } = shapeOf(doc, node);
  if (schema.example !== undefined && !(types.includes('object') && schema.properties)) return schema.example as Json;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0] as Json;
  if (schema.default !== undefined) return schema.default as Json;
  switch (types[0]) {
    case 'object': {
      if (depth > 6) return {};
      const out: Record<string, Json> = {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, property] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
        if (!requiredOnly || required.has(name)) out[name] = baseline(doc, property, requiredOnly, depth + 1);
      }
      return out;
    }
    case 'array':
      return depth > 6 ? [] : Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => baseline(doc, schema.items as Schema, requiredOnly, depth + 1));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      return schema.format === 'date-time' ? MONDAY_10AM : schema.format === 'date' ? '2026-03-16' : schema.format === 'uuid' ? '6f1c2f2e-3b1f-4e55-9a57-0f6f7f5e1a11' : schema.format === 'email' ? 'an@example.vn' : 'Hà Nam';
    default:
      return 'x';
  }
}

/** One place in a body, with what the document says of it. */
interface Location {
  path: Array<string | number>;
  schema: Schema;
  types: string[];
  nullable: boolean;
  /** The key is required in its parent object (array items count as required). */
  required: boolean;
  /** An object whose properties are all known, so an unknown one is refused. */
  closedObject: boolean;
}

function locations(doc: OpenApiDocument, node: Schema, value: Json, path: Array<string | number> = [], required = true): Location[] {
  const { types, nullable, schema } = shapeOf(doc, node);
  const properties = schema.properties as Record<string, Schema> | undefined;
  const closedObject = types.includes('object') && !!properties && Object.keys(properties).length > 0 && schema.additionalProperties === undefined;
  const here: Location = { path, schema, types, nullable, required, closedObject };
  const out = [here];
  if (properties && value && typeof value === 'object' && !Array.isArray(value)) {
    const requiredNames = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(properties)) {
      if (name in value) out.push(...locations(doc, property, value[name], [...path, name], requiredNames.has(name)));
    }
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => out.push(...locations(doc, schema.items as Schema, item, [...path, index], true)));
  }
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(root: Json, path: Array<string | number>, value: Json | undefined): Json {
  if (path.length === 0) return value as Json;
  const copy = clone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

function valueAt(root: Json | undefined, path: Array<string | number>): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string | number, Json>)[key] : undefined;
  return value;
}

/** JSON text of `value` in which the object at `path` gives its first key twice (the same value both times). */
function stringifyWithDuplicateKey(value: Json, path: Array<string | number>): string {
  if (Array.isArray(value)) return `[${value.map((item, i) => (i === path[0] ? stringifyWithDuplicateKey(item, path.slice(1)) : JSON.stringify(item))).join(',')}]`;
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  if (path.length === 0 && entries.length) entries.unshift(entries[0]);
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${key === path[0] ? stringifyWithDuplicateKey(item, path.slice(1)) : JSON.stringify(item)}`).join(',')}}`;
}

/** Where a body names a person or an organisation: refused with a bidirectional control. */
function isPersonOrOrganisationName(op: Operation, path: Array<string | number>): boolean {
  const at = dotted(path);
  return /(^|\.)(applicant|contact|assignee)\.name$|(^|\.)receiverName$/.test(at) || (op.path.startsWith('/api/v1/agencies') && at === 'name');
}

const dotted = (path: Array<string | number>) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') || '(body)';

/** Values of a JSON type other than the ones the schema allows (null only where the key is required). */
function wrongTypeValues(loc: Location): Json[] {
  const out: Json[] = [];
  const allows = (t: string) => loc.types.includes(t) || (t === 'integer' && loc.types.includes('number')) || (t === 'number' && loc.types.includes('integer'));
  if (!allows('string')) out.push('not-a-' + (loc.types[0] ?? 'value'), '12');
  if (!allows('number') && !allows('integer')) out.push(12, -1.5);
  if (!allows('boolean')) out.push(true, false);
  if (!allows('object')) out.push({ unexpected: 'object' });
  if (!allows('array')) out.push(['unexpected', 'array']);
  if (!loc.nullable && loc.required) out.push(null);
  return out;
}

/** Values that break the schema's own constraints on its type. */
function outOfRangeValues(loc: Location): Json[] {
  const s = loc.schema;
  const out: Json[] = [];
  if (loc.types.includes('integer') || loc.types.includes('number')) {
    if (typeof s.minimum === 'number') out.push(s.minimum - 1, -1e308);
    if (typeof s.maximum === 'number') out.push(s.maximum + 1, 1e308);
    if (loc.types.includes('integer') && !loc.types.includes('number')) out.push(1.5);
  }
  if (loc.types.includes('string')) {
    if (typeof s.maxLength === 'number') out.push('x'.repeat(s.maxLength + 1));
    if (typeof s.minLength === 'number' && s.minLength > 0) out.push('');
    if (Array.isArray(s.enum)) out.push('not-one-of-them', ...SQL.slice(0, 2));
    if (typeof s.pattern === 'string') out.push(...SQL.slice(0, 2), '');
    if (s.format === 'date' || s.format === 'date-time') out.push('not-a-date', '2026-13-45', '');
    if (s.format === 'date-time') out.push(...ODD_ISO_FORMS);
    if (s.format === 'uuid') out.push('not-a-uuid');
    if (s.format === 'email') out.push('not-an-email');
  }
  if (loc.types.includes('array')) {
    if (typeof s.minItems === 'number' && s.minItems > 0) out.push([]);
    if (typeof s.maxItems === 'number') out.push(Array.from({ length: s.maxItems + 1 }, () => 1));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator of bad requests for one operation

interface Context {
  doc: OpenApiDocument;
  /** A value that names an existing resource, by operation path and parameter name. */
  validSegment: (op: Operation, param: Parameter) => string;
  credentialFor: (op: Operation) => Record<string, string>;
}

const JSON_TYPE = 'application/json';

function queryValueOf(doc: OpenApiDocument, param: Parameter): string | undefined {
  const { types, schema } = shapeOf(doc, param.schema);
  const example = param.example ?? schema.example ?? (Array.isArray(schema.enum) ? schema.enum[0] : undefined) ?? schema.default;
  if (example !== undefined) return encodeQueryValue(String(example));
  if (types.includes('integer') || types.includes('number')) return String(schema.minimum ?? 1);
  if (types.includes('boolean')) return 'true';
  return undefined;
}

/** Query values that the document's schema for the parameter refuses. */
function badQueryValues(doc: OpenApiDocument, param: Parameter): string[] {
  const { types, schema } = shapeOf(doc, param.schema);
  const out: string[] = [];
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc', 'NaN', '1e309', '0x', encodeQueryValue("1' OR '1'='1"));
    if (typeof schema.minimum === 'number') out.push(String(schema.minimum - 1), '-99999999999');
    if (typeof schema.maximum === 'number') out.push(String(schema.maximum + 1), '9'.repeat(400));
    if (types.includes('integer')) out.push('1.5');
  } else if (types.includes('boolean')) out.push('maybe', '2', encodeQueryValue("true' --"));
  else if (Array.isArray(schema.enum)) out.push('not-one-of-them', encodeQueryValue(SQL[0]), encodeQueryValue(TRAVERSAL[0]));
  else if (schema.format === 'date' || schema.format === 'date-time') out.push('not-a-date', '2026-13-45', encodeQueryValue(SQL[0]), ...(schema.format === 'date-time' ? ODD_ISO_FORMS.map(encodeQueryValue) : []));
  else if (typeof schema.pattern === 'string') out.push(encodeQueryValue(SQL[0]), encodeQueryValue(TRAVERSAL[0]));
  else if (typeof schema.maxLength === 'number') out.push('x'.repeat(schema.maxLength + 1));
  return out;
}

const noiseQueryValues = fc.oneof(
  fc.constantFrom(...SQL, ...TRAVERSAL).map(encodeQueryValue),
  fc.constantFrom(...ODD_UNICODE).map(encodeQueryValue),
  fc.constantFrom('%FF', '%C3%28', '%ED%A0%80', '%', '%zz', 'x'.repeat(4000), '', '[]', '{}'),
);

const BROKEN_JSON: Array<[string, string]> = [
  ['truncated', '{"a": "b"'],
  ['trailing comma', '{"a": 1,}'],
  ['single quotes', "{'a': 1}"],
  ['NaN literal', '{"a": NaN}'],
  ['bare word', 'hello'],
  ['empty object then garbage', '{} garbage'],
  ['null', 'null'],
  ['a string', '"text"'],
  ['a number', '42'],
  ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
  ['unterminated string', '{"a": "b'],
  ['control character in a string', '{"a": "b\u0001c"}'],
];

let idempotencyKeys = 0;

/**
 * Bad requests for one operation, built on a valid-shaped body of every property the document
 * lists (from its examples), or of the required ones only.
 */
function requestArbitrary(ctx: Context, op: Operation): fc.Arbitrary<FuzzRequest> {
  const jsonSchema = op.body?.content[JSON_TYPE];
  if (!jsonSchema) return requestsOn(ctx, op, undefined);
  const full = baseline(ctx.doc, jsonSchema);
  const minimal = baseline(ctx.doc, jsonSchema, true);
  return JSON.stringify(full) === JSON.stringify(minimal) ? requestsOn(ctx, op, full) : fc.oneof(requestsOn(ctx, op, full), requestsOn(ctx, op, minimal));
}

function requestsOn(ctx: Context, op: Operation, base: Json | undefined): fc.Arbitrary<FuzzRequest> {
  const { doc } = ctx;
  const jsonSchema = op.body?.content[JSON_TYPE];
  const multipart = op.body?.content['multipart/form-data'];
  const bodyLocations = jsonSchema && base !== undefined ? locations(doc, jsonSchema, base) : [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header' && p.name.toLowerCase() !== 'authorization');
  const writes = op.method !== 'get';
  /** Methods whose body means something; a DELETE's body is ignored, so it is never the fault. */
  const takesBody = op.method === 'post' || op.method === 'put' || op.method === 'patch';

  type Change = (req: FuzzRequest, state: { body: Json | undefined }) => void;
  const change = (what: string, fault: boolean, apply: Change) => ({ what, fault, apply });
  type Mutation = ReturnType<typeof change>;

  // Definite faults, each one way to be wrong.
  const faults: Array<fc.Arbitrary<Mutation>> = [];
  for (const param of pathParams) {
    faults.push(fc.constantFrom(...HOSTILE_SEGMENTS).map((segment) => change(`path ${param.name}=${segment.slice(0, 40)}`, true, (req) => void (req.pathSegments[param.name] = segment))));
  }
  for (const param of queryParams) {
    const bad = badQueryValues(doc, param);
    if (bad.length) faults.push(fc.constantFrom(...bad).map((value) => change(`query ${param.name}=${value.slice(0, 40)}`, true, (req) => setQuery(req, param.name, value))));
    if (param.required) faults.push(fc.constant(change(`query ${param.name} missing`, true, (req) => void (req.query = req.query.filter(([k]) => k !== param.name)))));
  }
  for (const param of headerParams) {
    if (param.required) faults.push(fc.constant(change(`header ${param.name} missing`, true, (req) => void delete req.headers[param.name])));
  }
  if (jsonSchema) {
    const located = (pick: (loc: Location) => Json[], label: string) => {
      const candidates = bodyLocations.flatMap((loc) => pick(loc).map((value) => ({ loc, value })));
      if (candidates.length) {
        faults.push(
          fc.constantFrom(...candidates).map(({ loc, value }) =>
            change(`${label} at ${dotted(loc.path)}: ${JSON.stringify(value)?.slice(0, 40)}`, true, (_req, state) => void (state.body = setAt(state.body as Json, loc.path, value))),
          ),
        );
      }
    };
    located((loc) => wrongTypeValues(loc), 'wrong type');
    located((loc) => outOfRangeValues(loc), 'out of range');
    // Text PostgreSQL cannot store, refused in any string; bidirectional controls in names.
    located((loc) => (loc.types.includes('string') && loc.path.length > 0 ? LONE_SURROGATES : []), 'lone surrogate');
    located((loc) => (loc.types.includes('string') && isPersonOrOrganisationName(op, loc.path) ? BIDI_NAMES : []), 'bidirectional control in a name');
    // A key given twice: JSON.parse would keep the last silently.
    const objects = bodyLocations.filter((loc) => {
      const value = valueAt(base, loc.path);
      return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
    });
    if (objects.length) {
      faults.push(fc.constantFrom(...objects).map((loc) => change(`key given twice in ${dotted(loc.path)}`, true, (req) => void (req.headers['x-fuzz-duplicate-key'] = JSON.stringify(loc.path)))));
    }
    const missing = bodyLocations.filter((loc) => loc.required && loc.path.length > 0 && typeof loc.path[loc.path.length - 1] === 'string');
    if (missing.length) faults.push(fc.constantFrom(...missing).map((loc) => change(`missing ${dotted(loc.path)}`, true, (_req, state) => void (state.body = setAt(state.body as Json, loc.path, undefined)))));
    const closed = bodyLocations.filter((loc) => loc.closedObject);
    if (closed.length) {
      faults.push(
        fc.tuple(fc.constantFrom(...closed), fc.constantFrom('isAdmin', '__proto__x', 'constructor', 'id', 'createdAt', 'status', "'; DROP TABLE x; --"), fc.constantFrom<Json>(true, 'x', 1, { a: 1 })).map(([loc, key, value]) =>
          change(`unknown field ${dotted([...loc.path, key])}`, true, (_req, state) => void (state.body = setAt(state.body as Json, [...loc.path, key], value))),
        ),
      );
    }
    faults.push(fc.constantFrom<Json>([], [base ?? {}], 'text', 1, true).map((value) => change(`body is ${JSON.stringify(value).slice(0, 30)}`, true, (_req, state) => void (state.body = value))));
  }
  if (takesBody && !multipart) {
    // The body itself is broken, whatever the operation takes.
    // Deep nesting is valid JSON: wrong only where a body is read (an operation without one ignores it).
    const broken = BROKEN_JSON.filter(([label]) => jsonSchema || label !== 'deep nesting');
    faults.push(fc.constantFrom(...broken).map(([label, text]) => change(`broken JSON: ${label}`, true, (req) => void (req.body = { contentType: JSON_TYPE, bytes: Buffer.from(text, 'utf8') }))));
    if (jsonSchema) {
      // Read as U+FFFD and stored, before bodies had to be UTF-8.
      faults.push(fc.constantFrom(...INVALID_UTF8).map((bytes) => change(`bytes that are not UTF-8 (${Buffer.from(bytes).toString('hex')}) in the JSON text`, true, (req) => void (req.headers['x-fuzz-invalid-utf8'] = Buffer.from(bytes).toString('hex')))));
    }
    faults.push(
      fc
        .constantFrom<[string, string | undefined, string]>(
          ['text/plain', 'text/plain', '{"a":1}'],
          ['form', 'application/x-www-form-urlencoded', 'a=1&b=2'],
          ['xml', 'application/xml', '<dossier><code>1</code></dossier>'],
          ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
          ['none', undefined, '{"a":1}'],
          ['latin1 charset', 'application/json; charset=latin1', '{"a":1}'],
          ['not a media type', 'json', '{"a":1}'],
        )
        .map(([label, type, text]) => change(`content type ${label}`, true, (req) => void (req.body = { contentType: type, bytes: Buffer.from(text, 'utf8') }))),
    );
    faults.push(
      fc
        .constantFrom('gzip', 'deflate', 'br', 'compress', 'x-unknown')
        .map((encoding) => change(`content-encoding ${encoding} with plain bytes`, true, (req) => void (req.body = { contentType: JSON_TYPE, bytes: Buffer.from('{"not":"compressed"}'), headers: { 'content-encoding': encoding } }))),
    );
  }
  if (multipart) {
    const boundary = 'fuzzboundary';
    const part = (headers: string, content: string | Buffer) => Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n')]);
    const end = Buffer.from(`--${boundary}--\r\n`);
    const uploads: Array<[string, string | undefined, Buffer]> = [
      ['JSON instead of a form', JSON_TYPE, Buffer.from(JSON.stringify({ requirement: 1, title: 'x' }))],
      ['text', 'text/plain', Buffer.from('not a form')],
      ['no boundary', 'multipart/form-data', Buffer.from('garbage')],
      ['truncated form', `multipart/form-data; boundary=${boundary}`, part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf', '%PDF-1.4 trunc').subarray(0, 60)],
      ['no file', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="requirement"', '1'), end])],
      ['not a document', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf', 'MZ\u0090 this is not a PDF'), end])],
      ['bad requirement', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="requirement"', "1' OR 1=1 --"), part('Content-Disposition: form-data; name="file"; filename="a.pdf"', '%PDF-1.4\n%%EOF\n'), end])],
      ['unknown field', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="isAdmin"', 'true'), part('Content-Disposition: form-data; name="file"; filename="a.pdf"', '%PDF-1.4\n%%EOF\n'), end])],
      ['two files', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="file"; filename="a.txt"', 'x'), part('Content-Disposition: form-data; name="file"; filename="b.txt"', 'y'), end])],
      ['traversal file name', `multipart/form-data; boundary=${boundary}`, Buffer.concat([part('Content-Disposition: form-data; name="file"; filename="../../../etc/passwd"', 'root:x:0:0'), end])],
    ];
    faults.push(fc.constantFrom(...uploads).map(([label, type, bytes]) => change(`upload: ${label}`, true, (req) => void (req.body = { contentType: type, bytes }))));
  }

  // Noise: odd but possibly valid input, on top of the fault.
  const noise: Array<fc.Arbitrary<Mutation>> = [];
  const strings = bodyLocations.filter((loc) => loc.types.includes('string') && loc.path.length > 0);
  if (strings.length) {
    noise.push(fc.tuple(fc.constantFrom(...strings), hostileString).map(([loc, value]) => change(`string at ${dotted(loc.path)}: ${JSON.stringify(value.slice(0, 30))}`, false, (_req, state) => void (state.body = setAt(state.body as Json, loc.path, value)))));
  }
  for (const param of queryParams) {
    noise.push(noiseQueryValues.map((value) => change(`query ${param.name}=${value.slice(0, 40)}`, false, (req) => setQuery(req, param.name, value))));
    if (param.name === 'cursor') noise.push(fc.constantFrom(...FORGED_CURSORS).map(([label, cursor]) => change(`forged cursor: ${label}`, false, (req) => setQuery(req, 'cursor', cursor))));
    noise.push(fc.constant(change(`query ${param.name} twice`, false, (req) => void req.query.push([param.name, queryValueOf(doc, param) ?? 'x']))));
  }
  noise.push(fc.constantFrom('isAdmin', 'debug', "'; --", '__proto__').map((name) => change(`unknown query ${name}`, false, (req) => void req.query.push([name, '1']))));
  for (const param of headerParams) {
    noise.push(fc.constantFrom('x'.repeat(300), "' OR 1=1 --", '../../etc/passwd', ' ').map((value) => change(`header ${param.name}: ${value.slice(0, 30)}`, false, (req) => void (req.headers[param.name] = value))));
  }
  noise.push(fc.constantFrom('application/pdf', 'text/html', 'application/xml', '*/*').map((accept) => change(`accept ${accept}`, false, (req) => void (req.headers.accept = accept))));

  const faultArbitrary = faults.length ? fc.oneof(...faults) : fc.constant(undefined);
  return fc
    .record({
      fault: writes ? faultArbitrary : fc.option(faultArbitrary, { freq: 4 }),
      noise: fc.array(fc.oneof(...noise), { maxLength: 3 }),
    })
    .map(({ fault, noise: noisy }) => {
      const req: FuzzRequest = {
        op,
        pathSegments: Object.fromEntries(pathParams.map((p) => [p.name, ctx.validSegment(op, p)])),
        query: queryParams.filter((p) => p.required).map((p) => [p.name, queryValueOf(doc, p) ?? 'x'] as [string, string]),
        headers: {
          ...ctx.credentialFor(op),
          ...Object.fromEntries(headerParams.filter((p) => p.required).map((p) => [p.name, `fuzz-${SEED}-${++idempotencyKeys}`])),
        },
        edits: [],
      };
      const state = { body: base === undefined ? undefined : clone(base) };
      // Noise first, so the fault is never undone by it.
      for (const mutation of [...noisy, ...(fault ? [fault] : [])]) {
        mutation.apply(req, state);
        req.edits.push({ what: mutation.what, fault: mutation.fault });
      }
      if (!req.body && state.body !== undefined) {
        const duplicated = req.headers['x-fuzz-duplicate-key'];
        let bytes = Buffer.from(duplicated ? stringifyWithDuplicateKey(state.body, JSON.parse(duplicated) as Array<string | number>) : JSON.stringify(state.body), 'utf8');
        if (req.headers['x-fuzz-invalid-utf8']) {
          // Put bytes that are not UTF-8 inside the first string of the text (before the text when it has none).
          const invalid = Buffer.from(req.headers['x-fuzz-invalid-utf8'], 'hex');
          const colon = bytes.indexOf(0x3a);
          const quote = colon < 0 ? -1 : bytes.indexOf(0x22, colon);
          bytes = quote > 0 ? Buffer.concat([bytes.subarray(0, quote + 1), invalid, bytes.subarray(quote + 1)]) : Buffer.concat([invalid, bytes]);
        }
        req.body = { contentType: JSON_TYPE, bytes };
      }
      delete req.headers['x-fuzz-invalid-utf8'];
      delete req.headers['x-fuzz-duplicate-key'];
      return req;
    });
}

function setQuery(req: FuzzRequest, name: string, value: string): void {
  req.query = [...req.query.filter(([k]) => k !== name), [name, value]];
}

// ---------------------------------------------------------------------------------------------
// Judging an answer

interface PlatformAnswer {
  status: number;
  codes?: string[];
}

function judge(op: Operation, req: FuzzRequest, answer: Answer, platform: PlatformAnswer[]): string | undefined {
  const { status } = answer;
  if (status >= 500) return `answered ${status} (${(answer.body as { code?: string })?.code ?? answer.text.slice(0, 100)})`;
  const definite = req.edits.some((e) => e.fault);
  if (definite && status < 400) return `accepted a request that is wrong (${status})`;
  if (status >= 400) {
    if (!answer.contentType.startsWith('application/problem+json')) return `answered ${status} as ${answer.contentType || 'no content type'}: ${answer.text.slice(0, 100)}`;
    const problem = answer.body as { code?: unknown; status?: unknown };
    if (typeof problem?.code !== 'string' || !problem.code) return `answered ${status} without a problem code: ${answer.text.slice(0, 100)}`;
    if (problem.status !== status) return `answered ${status} with a problem saying status ${String(problem.status)}`;
  }
  const documented = op.responses[String(status)] ?? op.responses[`${Math.floor(status / 100)}XX`] ?? op.responses.default;
  if (documented) return undefined;
  const code = (answer.body as { code?: string })?.code;
  if (platform.some((p) => p.status === status && (!p.codes || (code !== undefined && p.codes.includes(code))))) return undefined;
  return `answered ${status} ${code ?? ''}, which ${op.id} does not document (documents ${Object.keys(op.responses).join(', ')})`;
}

// ---------------------------------------------------------------------------------------------

describe('bad input from the OpenAPI document, to every operation through the gateway', () => {
  let stack: Stack;
  let doc: OpenApiDocument;
  let dossierCode: string;
  let lookupSecret: string;
  let complaintId: string;
  let apiKeyId: string;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const credentials: Record<string, Record<string, string>> = {};
  const api = () => request(stack.gatewayUrl);

  const tableCounts = async (): Promise<Record<string, number>> => {
    const tables = await queryDatabase<{ name: string }>(
      stack.databaseUrl,
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('catalog', 'intake', 'workflow', 'postal', 'reporting', 'gateway') AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%migrations%'
        ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      if (TABLES_OUTSIDE_THE_CHECK.has(name)) continue;
      counts[name] = (await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM ${name}`))[0].n;
    }
    return counts;
  };

  const undelivered = async () =>
    (
      await Promise.all(
        ['catalog', 'intake', 'workflow', 'postal', 'reporting', 'gateway'].map(async (schema) => {
          const exists = await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'outbox_deliveries'`, [schema]);
          if (!exists[0].n) return 0;
          return (await queryDatabase<{ n: number }>(stack.databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.outbox_deliveries WHERE delivered_at IS NULL`))[0].n;
        }),
      )
    ).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    stack = await startStack({}, { clock });
    await seedCatalogBasics(stack);
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody(PROCEDURE)).expect(201);
    const reception = await stack.tokenFor({ subject: 'officer-centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' });
    const dossier = await api()
      .post('/api/v1/dossiers')
      .set('authorization', reception)
      .send({
        procedureCode: PROCEDURE,
        agencyCode: SERVICE_CENTRE,
        channel: 'counter',
        applicant: { kind: 'person', name: 'Nguyễn Văn An', idNumber: '035090001234', phone: '0912345678', address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' } },
        documents: [{ requirement: 1 }, { requirement: 2 }],
        resultDelivery: { method: 'counter' },
      })
      .expect(201);
    dossierCode = dossier.body.code;
    lookupSecret = dossier.body.lookupSecret;
    const complaint = await api()
      .post('/api/v1/complaints')
      .send({ agencyCode: SERVICE_CENTRE, contact: { name: 'Nguyễn Văn An', phone: '0912345678' }, subject: 'Chậm trả kết quả', content: 'Hồ sơ của tôi chưa được trả.' });
    complaintId = complaint.body.id;
    const key = await api().post('/api/v1/api-keys').set('authorization', stack.adminAuth).send({ name: 'fuzz', scopes: ['sync:read', 'sync:write', 'postal'] }).expect(201);
    apiKeyId = key.body.id;
    // Someone every authorisation lets through: every role, for the agencies in the catalog.
    const everyone = await stack.tokenFor({ subject: 'fuzz-everyone', roles: [...ROLES], agencyCodes: [PROVINCE, SERVICE_CENTRE, DEPARTMENT], name: 'Fuzz' });
    credentials.person = { authorization: everyone };
    credentials.machine = { 'x-api-key': key.body.key };
    doc = (await api().get('/api/openapi.json').expect(200)).body;
    await eventually(async () => ((await api().get(`/api/v1/cases/${dossierCode}`).set('authorization', everyone)).status === 200 ? true : undefined), 15000, 'the case');
    await eventually(async () => ((await undelivered()) === 0 ? true : undefined), 15000, 'every event delivered');
  });

  afterAll(async () => {
    agent.destroy();
    await stack?.close();
  });

  it('refuses what earlier runs found answered with a 500 or taken', async () => {
    const admin = stack.adminAuth;
    const raw = (method: string, path: string, bytes?: Buffer, headers: Record<string, string> = {}) =>
      send(stack.gatewayUrl, {
        op: { id: 'regression', method: method as Operation['method'], path, parameters: [], responses: {}, raw: {} },
        pathSegments: {},
        query: [],
        // The regressions assert English reasons; the fuzzed requests above send no Accept-Language.
        headers: { authorization: admin, 'accept-language': 'en', ...headers },
        body: bytes ? { contentType: 'application/json', bytes } : undefined,
        edits: [],
      });
    // A NUL character reached PostgreSQL, which cannot store it: 500.
    for (const path of ['/api/v1/dossiers/%00', '/api/v1/dossiers/%00/receipt', '/api/v1/agencies/%00', '/api/v1/fields/A%00B']) {
      const answer = await raw('GET', path);
      expect({ path, status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({ path, status: 400, code: 'invalid-characters' });
    }
    const nulInBody = await raw('POST', '/api/v1/complaints', Buffer.from(JSON.stringify({ agencyCode: SERVICE_CENTRE, contact: { name: 'An\u0000' }, subject: 'x', content: 'y' })));
    expect(nulInBody.status).toBe(400);
    expect(nulInBody.body).toMatchObject({ code: 'invalid-characters', errors: [{ field: 'contact.name' }] });
    // `constructor` slipped past "unknown fields are refused", and the rename happened.
    const constructorKey = await raw('PUT', `/api/v1/fields/${FIELD}`, Buffer.from('{"name":"Đổi tên","constructor":true}'));
    expect(constructorKey.status).toBe(400);
    expect(constructorKey.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'constructor', reason: 'is not a known field' }] });
    expect((await api().get(`/api/v1/fields/${FIELD}`).expect(200)).body.name).not.toBe('Đổi tên');
    // Deep nesting exhausted the stack of the validators: 500.
    const deep = await raw('POST', '/api/v1/fields', Buffer.from('['.repeat(5000) + ']'.repeat(5000)));
    expect({ status: deep.status, code: (deep.body as { code?: string }).code }).toEqual({ status: 400, code: 'malformed-body' });
    // A compressed body that does not inflate: 400 "bad-request" titled "Http"; an unknown encoding is a 415.
    const gzip = await raw('POST', '/api/v1/fields', Buffer.from('{"code":"X"}'), { 'content-encoding': 'gzip' });
    expect(gzip.body).toMatchObject({ status: 400, code: 'malformed-body', title: 'Bad request' });
    const unknownEncoding = await raw('POST', '/api/v1/fields', Buffer.from('{"code":"X"}'), { 'content-encoding': 'x-unknown' });
    expect(unknownEncoding.body).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('answers every malformed request with a documented 4xx problem, and keeps nothing from it', async () => {
    const started = Date.now();
    expect(doc['x-unavailable-services']).toBeUndefined();
    const platform = (doc['x-platform-answers'] as PlatformAnswer[] | undefined) ?? [];
    expect(platform.length).toBeGreaterThan(0);
    const operations = operationsOf(doc);
    const segments: Record<string, string> = {
      '/api/v1/agencies/{code}': SERVICE_CENTRE,
      '/api/v1/fields/{code}': FIELD,
      '/api/v1/procedures/{code}': PROCEDURE,
      '/api/v1/sync/procedures/{code}': PROCEDURE,
      '/api/v1/dossiers/{code}': dossierCode,
      '/api/v1/cases/{dossierCode}': dossierCode,
      '/api/v1/complaints/{id}': complaintId,
      '/api/v1/api-keys/{id}': apiKeyId,
      '/api/v1/calendar/days/{date}': '2026-05-09',
      '/api/v1/procedures/{code}/versions/{versionNo}': '1',
    };
    const ctx: Context = {
      doc,
      validSegment: (op, param) => {
        const prefix = op.path.slice(0, op.path.indexOf(`{${param.name}}`) + param.name.length + 2);
        const known = segments[prefix] ?? segments[op.path];
        if (known) return encodeURIComponent(known);
        if (param.name === 'versionNo') return '1';
        const example = param.example ?? param.schema.example;
        return encodeURIComponent(String(example ?? 'x'));
      },
      credentialFor: (op) => (API_KEY_OPERATIONS.has(op.id) ? credentials.machine : credentials.person),
    };
    const before = await tableCounts();

    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let sent = 0;
    const slowest: Array<[string, number]> = [];
    // A few operations at a time: refused requests change nothing, so they cannot disturb each other.
    const queue = [...operations];
    const worker = async () => {
      for (let op = queue.shift(); op; op = queue.shift()) await fuzz(op);
    };
    const fuzz = async (op: Operation) => {
      const opStarted = Date.now();
      const seed = SEED + [...op.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0);
      const outcome = await fc.check(
        fc.asyncProperty(requestArbitrary(ctx, op), async (req) => {
          const answer = await send(stack.gatewayUrl, req);
          sent++;
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          const wrong = judge(op, req, answer, platform);
          if (wrong) throw new Error(`${wrong}\n      ${describeRequest(req)}`);
        }),
        { seed, numRuns: RUNS_PER_OPERATION, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
      );
      if (op.body?.content[JSON_TYPE] && (op.method === 'post' || op.method === 'put' || op.method === 'patch')) {
        // One body past BODY_LIMIT_BYTES (1 MiB) per operation: costly to send, so not among the random faults.
        const oversized: FuzzRequest = {
          op,
          pathSegments: Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, ctx.validSegment(op, p)])),
          query: op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, queryValueOf(doc, p) ?? 'x']),
          headers: { ...ctx.credentialFor(op) },
          body: { contentType: JSON_TYPE, bytes: Buffer.from(JSON.stringify({ padding: 'x'.repeat(1_100_000) })) },
          edits: [{ what: 'oversized body (1.1 MB)', fault: true }],
        };
        const answer = await send(stack.gatewayUrl, oversized);
        sent++;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const wrong = judge(op, oversized, answer, platform);
        if (wrong) failures.push(`${op.id} (${op.method.toUpperCase()} ${op.path}): ${wrong}`);
      }
      if (op.parameters.some((p) => p.in === 'query' && p.name === 'cursor')) {
        // Every forged cursor once per list (the random runs may not draw them all): never a 5xx.
        for (const [label, cursor] of FORGED_CURSORS) {
          const forged: FuzzRequest = {
            op,
            pathSegments: Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, ctx.validSegment(op, p)])),
            query: [...op.parameters.filter((p) => p.in === 'query' && p.required).map((p): [string, string] => [p.name, queryValueOf(doc, p) ?? 'x']), ['cursor', cursor]],
            headers: { ...ctx.credentialFor(op) },
            edits: [{ what: `forged cursor: ${label}`, fault: false }],
          };
          const answer = await send(stack.gatewayUrl, forged);
          sent++;
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          const wrong = judge(op, forged, answer, platform);
          if (wrong) failures.push(`${op.id} (${op.method.toUpperCase()} ${op.path}): ${wrong}\n      ${describeRequest(forged)}`);
        }
      }
      slowest.push([op.id, Date.now() - opStarted]);
      if (outcome.failed) {
        const message = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
        failures.push(`${op.id} (${op.method.toUpperCase()} ${op.path}, seed ${seed}): ${message}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    failures.sort();

    await eventually(async () => ((await undelivered()) === 0 ? true : undefined), 15000, 'every event delivered');
    const after = await tableCounts();
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]).map((table) => `${table}: ${before[table]} -> ${after[table]}`);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `[fuzz] seed ${SEED}, ${operations.length} operations, ${RUNS_PER_OPERATION} runs each, ${sent} requests in ${seconds} s; answers by status: ${JSON.stringify(statuses)}; slowest: ${slowest.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, ms]) => `${id} ${ms} ms`).join(', ')}\n` +
        (failures.length ? `[fuzz] ${failures.length} operations failed:\n  ${failures.join('\n  ')}\n` : '') +
        (changed.length ? `[fuzz] rows changed by refused requests: ${changed.join(', ')}\n` : ''),
    );
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
  }, 240_000);
});
