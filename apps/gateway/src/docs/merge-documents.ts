import type { OpenAPIObject } from '@nestjs/swagger';

type Json = unknown;
type Schemas = Record<string, Json>;

const SCHEMA_REF = '#/components/schemas/';

/**
 * OpenAPI 3.0 (what each service's Nest generates) to 3.1: `nullable` becomes a `null` type,
 * which is the only change our schemas need.
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
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    else if (typeof result.$ref === 'string') return { anyOf: [{ $ref: result.$ref }, { type: 'null' }] };
    else if (Array.isArray(result.allOf)) return { anyOf: [...(result.allOf as Json[]), { type: 'null' }] };
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
    codes: ['malformed-body', 'malformed-path', 'invalid-path', 'invalid-characters', 'ambiguous-credentials'],
    description:
      'The request cannot be read: a body that is not valid JSON (or nested more than 32 levels deep), a path with an invalid percent-encoding or with dot segments or encoded separators, text holding the NUL character (U+0000) anywhere, or both X-Api-Key and Authorization.',
  },
  { status: 401, codes: ['invalid-token', 'invalid-api-key'], description: 'A credential was sent and refused (expired, not signed by the identity provider, unknown API key), even to a public operation.' },
  { status: 404, codes: ['route-not-found'], description: 'No operation at this method and path.' },
  { status: 413, codes: ['payload-too-large'], description: 'The body is larger than the service accepts (BODY_LIMIT_BYTES).' },
  { status: 415, codes: ['unsupported-media-type'], description: 'A body that is not application/json (multipart/form-data for uploads), or in a charset or content encoding the service does not read.' },
  {
    status: 429,
    codes: ['rate-limited', 'too-many-refused-credentials'],
    description: 'Too many requests from this client, or too many refused credentials from this address (CREDENTIAL_FAILURES_PER_MINUTE); wait for Retry-After seconds.',
  },
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
        'The public API of the provincial one-stop system for administrative procedures: catalog, dossier intake, processing, postal delivery and reporting. Errors are application/problem+json (RFC 9457) with a stable `code`. People send a bearer JWT from the identity provider (`Authorization: Bearer …`); locally, `POST /api/v1/auth/token` issues one for a demo user.\n\n' +
        'Besides the answers each operation documents, any operation may answer: ' +
        PLATFORM_ANSWERS.map((answer) => `${answer.status} (${answer.codes.map((code) => `\`${code}\``).join(', ')}): ${answer.description}`).join(' ') +
        ' These are listed under `x-platform-answers`.',
    },
    servers: [{ url: '/' }],
    tags: [...allTags(tags, paths)],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)).map(([path, item]) => [path, withRateLimit(item)])),
    // Optional everywhere (the empty alternative): public operations need no token, and
    // each operation's 401/403 answers say where one is needed.
    security: [{ bearer: [] }, {}],
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: { [RATE_LIMITED]: rateLimitedResponse(schemas.Problem !== undefined) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A person\'s access token, or the bootstrap ADMIN_TOKEN.' } },
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
      'Too many requests from this client (RATE_LIMIT_PER_MINUTE), code `rate-limited`; or, for a request with a credential, too many refused credentials from this address (CREDENTIAL_FAILURES_PER_MINUTE), code `too-many-refused-credentials`: wait for `Retry-After` seconds.',
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
