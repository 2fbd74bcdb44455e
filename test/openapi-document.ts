/**
 * Reading the merged OpenAPI document the gateway serves: its operations, their parameters,
 * request bodies and documented answers, with `$ref`s resolved. Shared by the fuzzing test and
 * the checks on the document itself.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema>; responses?: Record<string, unknown> };
  [extension: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
  example?: unknown;
}

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  /** Request body media types and their schemas (resolved at the top level). */
  body?: { required: boolean; content: Record<string, Schema> };
  /** Documented answers, by status ("200", "404", "4XX", "default"). */
  responses: Record<string, Record<string, unknown>>;
  raw: Record<string, unknown>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = ((op.parameters as Array<Record<string, unknown>> | undefined) ?? []).map((p) => resolve(document, p) as Record<string, unknown>).map(
        (p): Parameter => ({ name: String(p.name), in: p.in as Parameter['in'], required: p.required === true, schema: resolve(document, (p.schema as Schema) ?? {}), example: p.example }),
      );
      const requestBody = op.requestBody ? (resolve(document, op.requestBody as Schema) as { required?: boolean; content?: Record<string, { schema?: Schema }> }) : undefined;
      operations.push({
        id: String(op.operationId ?? `${method} ${path}`),
        method,
        path,
        parameters,
        body: requestBody
          ? { required: requestBody.required === true, content: Object.fromEntries(Object.entries(requestBody.content ?? {}).map(([type, media]) => [type, resolve(document, media.schema ?? {})])) }
          : undefined,
        responses: Object.fromEntries(Object.entries((op.responses as Record<string, Schema>) ?? {}).map(([status, response]) => [status, resolve(document, response)])),
        raw: op,
      });
    }
  }
  return operations;
}

/** Follows `$ref`s (local ones) until a node without one. */
export function resolve(document: OpenApiDocument, node: Schema): Schema {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 32) throw new Error(`$ref loop at ${String(current.$ref)}`);
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    let target: unknown = document;
    for (const segment of pointer) target = (target as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) throw new Error(`Unresolved $ref ${String(current.$ref)}`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as Schema), ...siblings };
  }
  return current;
}

/**
 * A schema with its references resolved and `allOf` merged, and the `null` alternative of a
 * nullable property noted: what a generator or a checker needs to know about one value.
 */
export interface Shape {
  types: string[];
  nullable: boolean;
  schema: Schema;
}

export function shapeOf(document: OpenApiDocument, node: Schema | undefined): Shape {
  let schema = resolve(document, node ?? {});
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    schema = Object.assign({}, ...(allOf as Schema[]).map((part) => shapeOf(document, part).schema), rest);
  }
  let nullable = false;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alternatives = schema[key] as Schema[] | undefined;
    if (!alternatives) continue;
    const nonNull = alternatives.filter((alternative) => alternative.type !== 'null');
    nullable ||= nonNull.length < alternatives.length;
    if (nonNull.length === 1) {
      const { [key]: _alternatives, ...rest } = schema;
      schema = { ...shapeOf(document, nonNull[0]).schema, ...rest };
    }
  }
  let types: string[] = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.includes('null')) {
    nullable = true;
    types = types.filter((type) => type !== 'null');
  }
  if (types.length === 0) {
    if (schema.properties) types = ['object'];
    else if (schema.items) types = ['array'];
    else if (Array.isArray(schema.enum)) types = [...new Set((schema.enum as unknown[]).map((value) => typeof value))];
  }
  return { types, nullable, schema };
}

/** Every schema node (properties, items, alternatives) under a root, references followed once each. */
export function* schemaNodes(document: OpenApiDocument, root: Schema, seen = new Set<string>()): Generator<Schema> {
  if (typeof root.$ref === 'string') {
    if (seen.has(root.$ref)) return;
    seen.add(root.$ref);
  }
  const schema = resolve(document, root);
  yield schema;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const part of (schema[key] as Schema[] | undefined) ?? []) yield* schemaNodes(document, part, seen);
  for (const property of Object.values((schema.properties as Record<string, Schema> | undefined) ?? {})) yield* schemaNodes(document, property, seen);
  if (schema.items) yield* schemaNodes(document, schema.items as Schema, seen);
}
