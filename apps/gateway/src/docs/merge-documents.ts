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
      description:
        'The public API of the provincial one-stop system for administrative procedures: catalog, dossier intake, processing, postal delivery and reporting. Errors are application/problem+json (RFC 9457) with a stable `code`. People send a bearer JWT from the identity provider (`Authorization: Bearer …`); locally, `POST /api/v1/auth/token` issues one for a demo user.',
    },
    servers: [{ url: '/' }],
    tags: [...tags.values()],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    // Optional everywhere (the empty alternative): public operations need no token, and
    // each operation's 401/403 answers say where one is needed.
    security: [{ bearer: [] }, {}],
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A person\'s access token, or the bootstrap ADMIN_TOKEN.' } },
    },
    ...(unavailable.length ? { 'x-unavailable-services': unavailable } : {}),
  }) as Record<string, Json>;
}
