import type { OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SCHEME, BEARER_SCHEME } from '@onestop/platform';

type Json = unknown;
type Schemas = Record<string, Json>;

const SCHEMA_REF = '#/components/schemas/';

/**
 * OpenAPI 3.0 to 3.1: `nullable` becomes a `null` alternative. The services write 3.1 themselves
 * (libs/platform's buildServiceDocument), so this only matters for a service document of an
 * older release; it converts as Nest does: a nullable reference or combination becomes
 * `anyOf: [it, {type: 'null'}]` (a `null` type beside `allOf` would make `null` fail the
 * reference), a nullable enum lists `null`.
 */
export function toOpenApi31(node: Json): Json {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (!node || typeof node !== 'object') return node;
  const source = node as Record<string, Json>;
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key !== 'nullable') result[key] = toOpenApi31(value);
  }
  if (source.nullable === true) {
    if (typeof result.$ref === 'string' || Array.isArray(result.allOf)) {
      const { $ref, allOf, type: _type, ...rest } = result;
      const inner = typeof $ref === 'string' ? { $ref } : (allOf as Json[]).length === 1 ? (allOf as Json[])[0] : { allOf };
      return { ...rest, anyOf: [inner, { type: 'null' }] };
    }
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...(result.enum as Json[]), null];
  }
  return result;
}

function canonical(value: Json): string {
  return JSON.stringify(value, (_key, v: Json) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, Json>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Answers any operation may give, whatever it documents itself: they come from the door and
 * the platform before an operation is chosen (reading the path, the credential and the body,
 * rate limits, routing). Listed once in the document, under `x-platform-answers`.
 */
export const PLATFORM_ANSWERS: ReadonlyArray<{ status: number; codes: string[]; description: string }> = [
  {
    status: 400,
    codes: ['malformed-body', 'malformed-path', 'invalid-path', 'invalid-characters', 'ambiguous-credentials', 'malformed-request'],
    description:
      'The request cannot be read: a body that is not valid JSON, is nested more than 32 levels deep, is not UTF-8 or gives a key twice in one object, a path with an invalid percent-encoding or with dot segments or encoded separators, text holding the NUL character (U+0000) or a lone surrogate (such as `"\\ud800"`) anywhere, both X-Api-Key and Authorization, or a request that is not valid HTTP/1.1 (a control character in a header).',
  },
  { status: 401, codes: ['invalid-token', 'invalid-api-key'], description: 'A credential was sent and refused (expired, not signed by the identity provider, unknown API key), even to a public operation.' },
  { status: 404, codes: ['route-not-found'], description: 'No operation at this method and path.' },
  { status: 408, codes: ['request-timeout'], description: 'The request did not arrive in full in time.' },
  { status: 413, codes: ['payload-too-large'], description: 'The body is larger than the service accepts (BODY_LIMIT_BYTES).' },
  { status: 415, codes: ['unsupported-media-type'], description: 'A body that is not application/json (multipart/form-data for uploads), or in a charset other than UTF-8 or a content encoding the service does not read.' },
  {
    status: 429,
    codes: ['rate-limited', 'too-many-refused-credentials'],
    description: 'Too many requests from this client, or a refused credential (or a demo sign-in) from an address that has sent too many refused ones this minute (CREDENTIAL_FAILURES_PER_MINUTE); wait for Retry-After seconds.',
  },
  { status: 431, codes: ['headers-too-large'], description: 'The request line and headers are larger than the server reads (16 KiB).' },
  { status: 503, codes: ['service-unavailable', 'database-unavailable'], description: 'The service that owns the resource, or its database, cannot be reached; try again shortly.' },
  { status: 504, codes: ['service-timeout'], description: 'The service that owns the resource did not answer in time.' },
];

/** What each tag (resource) of the public API is about; a tag the services add later still gets an entry. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  agencies: 'Agencies (cơ quan) and their tree, and the administrative levels they belong to.',
  fields: 'Fields of administration (lĩnh vực) procedures are grouped by.',
  procedures: 'Administrative procedures (thủ tục hành chính) and their versions, published, amended and abolished by decision.',
  calendar: 'The working-time calendar: holidays, make-up days, office hours, appointment dates.',
  dossiers: 'Dossiers (hồ sơ): reception on every channel, receipts, supplements, withdrawal, ratings, documents.',
  lookup: 'The public dossier lookup, with the code and secret from the receipt.',
  complaints: 'Complaints and recommendations (phản ánh, kiến nghị) and their answers.',
  cases: 'Processing of dossiers: cases, officers\' actions, control sheets and worklists.',
  shipments: 'Public-postal shipments: dossier pickups, result deliveries and carriers\' status callbacks.',
  reports: 'Reports for leaders: dossier balance (form 06a), indicators, service index, online services.',
  targets: 'Yearly targets the reports compare against.',
  sync: 'Feeds and pushes for the National Public Service Portal.',
  auth: 'Signing in: access tokens for people, and the keys that verify them.',
  'api-keys': 'API keys for machines (the national portal, the postal operator).',
  audit: 'The audit log of changes made through the gateway.',
  notifications: 'Officers\' in-app notices (thông báo): listed, counted, marked read, and followed live (server-sent events).',
  'notification-templates': 'The Vietnamese wording of every message and notice, by kind and channel, with placeholders checked and SMS segments counted.',
  'notification-preferences': 'How applicants are told: a citizen\'s channels (SMS, email, Zalo) and an organisation\'s one email.',
  'notification-messages': 'SMS, email and Zalo messages sent to applicants: status, provider answers, resending a failed one.',
  'simulated-messages': 'What the simulated SMS, email and Zalo providers received (npm start, demonstrations).',
  'provider-receipts': 'Delivery receipts from the SMS gateway and Zalo, signed.',
};

export interface ServiceDocument {
  service: string;
  document: OpenAPIObject;
}

/**
 * One public document from the services' own documents. Paths are disjoint by design (each
 * resource has one owner). A schema name two services define differently is prefixed with
 * the service name in that service's part, so every name in the result is unique and every
 * `$ref` still points at the right schema; identical shared schemas (e.g. Problem) stay one.
 */
export function mergeDocuments(parts: ServiceDocument[], unavailable: string[] = []): Record<string, Json> {
  const paths: Record<string, Json> = {};
  const schemas: Schemas = {};
  const tags = new Map<string, Json>();
  for (const { service, document } of parts) {
    // Rename until stable: renaming one schema changes the refs inside others, which may
    // make them differ from a same-named schema of another service too.
    const renames = new Set<string>();
    let renamed = document;
    for (;;) {
      let text = JSON.stringify(document);
      for (const name of renames) {
        text = text.split(`"${SCHEMA_REF}${name}"`).join(`"${SCHEMA_REF}${capitalise(service)}${name}"`);
      }
      renamed = JSON.parse(text) as OpenAPIObject;
      const own = (renamed.components?.schemas ?? {}) as Schemas;
      const clashes = Object.keys(own).filter(
        (name) => !renames.has(name) && schemas[name] !== undefined && canonical(schemas[name]) !== canonical(own[name]),
      );
      if (clashes.length === 0) break;
      clashes.forEach((name) => renames.add(name));
    }
    for (const [name, schema] of Object.entries((renamed.components?.schemas ?? {}) as Schemas)) {
      schemas[renames.has(name) ? `${capitalise(service)}${name}` : name] = schema;
    }
    for (const [path, item] of Object.entries(renamed.paths ?? {})) {
      if (paths[path] !== undefined) throw new Error(`Path ${path} is defined by two services`);
      paths[path] = item;
    }
    for (const tag of renamed.tags ?? []) tags.set(tag.name, tag);
  }
  return toOpenApi31({
    openapi: '3.1.0',
    info: {
      title: 'One-stop public services API',
      version: '1',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      description:
        'The public API of the provincial one-stop system for administrative procedures: catalog, dossier intake, processing, postal delivery and reporting. Errors are application/problem+json (RFC 9457) with a stable `code`; their `title` and `detail` are in Vietnamese, or in English with `Accept-Language: en` (or `en-*`, by q-weights), as `Content-Language` says. People send a bearer JWT from the identity provider (`Authorization: Bearer …`); locally, `POST /api/v1/auth/token` issues one for a demo user. Machines send an API key (`X-Api-Key`) with scopes. Each operation\'s `security` says which it takes (none for a public one).\n\n' +
        'Besides the answers each operation documents, any operation may answer: ' +
        PLATFORM_ANSWERS.map((answer) => `${answer.status} (${answer.codes.map((code) => `\`${code}\``).join(', ')}): ${answer.description}`).join(' ') +
        ' These are listed under `x-platform-answers`.',
    },
    servers: [{ url: '/' }],
    tags: [...allTags(tags, paths)],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)).map(([path, item]) => [path, withRateLimit(item)])),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: { [RATE_LIMITED]: rateLimitedResponse(schemas.Problem !== undefined) },
      // Each operation says which it takes (libs/platform's buildServiceDocument, from its
      // access rule): `security: []` for a public one.
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A person\'s access token (from the identity provider; locally `POST /api/v1/auth/token`), or the bootstrap ADMIN_TOKEN. An operation\'s requirement lists the roles that may call it.',
        },
        [API_KEY_SCHEME]: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'A machine\'s API key (the national portal\'s sync jobs, the postal operator), created by an admin at `/api/v1/api-keys`; an operation\'s requirement lists the scopes that may call it (a key with `postal` acts with the postal role). Not together with Authorization.',
        },
      },
    },
    'x-platform-answers': PLATFORM_ANSWERS,
    ...(unavailable.length ? { 'x-unavailable-services': unavailable } : {}),
  }) as Record<string, Json>;
}

/** The tags the services declare, and every tag an operation uses, each with a description, by name. */
function allTags(declared: Map<string, Json>, paths: Record<string, Json>): Json[] {
  const tags = new Map<string, Record<string, Json>>();
  for (const [name, tag] of declared) tags.set(name, { ...(tag as Record<string, Json>) });
  for (const item of Object.values(paths)) {
    for (const operation of Object.values((item ?? {}) as Record<string, { tags?: string[] }>)) {
      for (const name of operation?.tags ?? []) if (!tags.has(name)) tags.set(name, { name });
    }
  }
  for (const [name, tag] of tags) tag.description ??= TAG_DESCRIPTIONS[name] ?? `Operations on ${name}.`;
  return [...tags.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

const RATE_LIMITED = 'RateLimited';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The gateway limits every client's requests a minute: every operation can answer 429. */
function rateLimitedResponse(problemSchema: boolean): Json {
  return {
    description:
      'Too many requests from this client (RATE_LIMIT_PER_MINUTE), code `rate-limited`; or a refused credential from an address that has sent too many this minute (CREDENTIAL_FAILURES_PER_MINUTE; a credential that verifies still passes), code `too-many-refused-credentials`: wait for `Retry-After` seconds.',
    headers: { 'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', example: 42 } } },
    content: { 'application/problem+json': { schema: problemSchema ? { $ref: `${SCHEMA_REF}Problem` } : { type: 'object', properties: { code: { type: 'string', example: 'rate-limited' } } } } },
  };
}

function withRateLimit(item: Json): Json {
  const operations = { ...(item as Record<string, Json>) };
  for (const method of HTTP_METHODS) {
    const operation = operations[method] as { responses?: Record<string, Json> } | undefined;
    if (!operation) continue;
    operations[method] = { ...operation, responses: { ...(operation.responses ?? {}), 429: operation.responses?.['429'] ?? { $ref: `#/components/responses/${RATE_LIMITED}` } } };
  }
  return operations;
}
