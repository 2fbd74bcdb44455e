import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { type ApiKeyScope, DOSSIER_STATUSES, NATIONAL_STATUS_MEANINGS, type NationalStatusCode, ROLE_OF_SCOPE } from '@onestop/domain';
import { type AccessRule, accessRuleOf, type Operation, PUBLIC_ACCESS } from '../auth/access-rule.js';

/** The security schemes every service's operations name; the gateway's merged document defines them. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

type SecurityRequirement = Record<string, string[]>;

/**
 * What an operation takes, from the rule its `@Access` names: a person's bearer JWT naming the
 * roles that may call it (OpenAPI 3.1 lets a requirement list roles for any scheme), an
 * `X-Api-Key` with one of the scopes for the operations machines call (a key with `postal` acts
 * with the postal role), nothing for a public or signed operation, or nothing or a bearer token
 * (of the rule's roles) for one that reads the caller when a token is sent or takes a lookup code.
 */
export function securityOf(rule: AccessRule): SecurityRequirement[] {
  if (rule.entry === 'public' || rule.entry === 'signed') return [];
  if (rule.entry === 'optional-sign-in' || rule.entry === 'lookup-code') return [{}, { [BEARER_SCHEME]: [...rule.roles] }];
  const keyScopes = new Set<ApiKeyScope>(rule.scopes);
  for (const [scope, role] of Object.entries(ROLE_OF_SCOPE) as Array<[ApiKeyScope, string]>) if ((rule.roles as string[]).includes(role)) keyScopes.add(scope);
  const requirements: SecurityRequirement[] = [];
  if (rule.roles.length) requirements.push({ [BEARER_SCHEME]: [...rule.roles] });
  if (keyScopes.size) requirements.push({ [API_KEY_SCHEME]: [...keyScopes] });
  return requirements;
}

const operationIdOf = (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** Every route handler of the application, by the operation id the document gives it. */
function handlersByOperationId(app: INestApplication): Map<string, { controller: object; handler: object }> {
  const handlers = new Map<string, { controller: object; handler: object }>();
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (typeof controller !== 'function') continue;
      for (const methodKey of Object.getOwnPropertyNames(controller.prototype)) {
        if (methodKey === 'constructor') continue;
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, methodKey)?.value as unknown;
        if (typeof handler === 'function') handlers.set(operationIdOf(controller.name, methodKey), { controller, handler });
      }
    }
  }
  return handlers;
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/**
 * The `pattern` of every string property a DTO checks with class-validator's `@Matches` (agency,
 * procedure and dossier codes among them), added to the property's OpenAPI metadata unless it
 * states one: so bodies and query parameters document exactly the patterns they are validated
 * with, and cannot drift from them. Patterns with flags JSON Schema cannot say (`i`, `m`, …) are
 * left out. Idempotent.
 */
function documentValidatedPatterns(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: unknown };
  if (!(storage.validationMetadatas instanceof Map)) return;
  for (const [target, metadatas] of storage.validationMetadatas as Map<Function, Array<{ name?: string; propertyName: string; constraints?: unknown[] }>>) {
    for (const metadata of metadatas) {
      const pattern = metadata.constraints?.[0];
      if (metadata.name !== 'matches' || !(pattern instanceof RegExp) || /[^u]/.test(pattern.flags) || metadata.constraints?.[1]) continue;
      const existing = Reflect.getMetadata(SWAGGER_PROPERTY, target.prototype, metadata.propertyName) as { pattern?: unknown } | undefined;
      if (!existing || existing.pattern !== undefined) continue;
      Reflect.defineMetadata(SWAGGER_PROPERTY, { ...existing, pattern: pattern.source }, target.prototype as object, metadata.propertyName);
    }
  }
}

const NATIONAL_STATUS_CODES = Object.keys(NATIONAL_STATUS_MEANINGS).map(Number) as NationalStatusCode[];

/**
 * Every `nationalStatusCode` property says what each code means: the codes as an integer enum,
 * their meanings in the description and, for generators, `x-enum-varnames` (our status names)
 * and `x-enum-descriptions`.
 */
function describeNationalStatusCodes(document: OpenAPIObject): void {
  const meanings = NATIONAL_STATUS_CODES.map((code) => `${code} ${NATIONAL_STATUS_MEANINGS[code]}`).join('; ');
  for (const schema of Object.values(document.components?.schemas ?? {}) as Array<{ properties?: Record<string, Record<string, unknown>> }>) {
    const property = schema.properties?.nationalStatusCode;
    if (!property || property.$ref !== undefined) continue;
    const own = typeof property.description === 'string' && !/^(The )?national (portal(\'s)? )?status code( 1-10)?( \(1-10\))?\.?$/i.test(property.description) ? `${property.description} ` : '';
    Object.assign(property, {
      type: 'integer',
      enum: NATIONAL_STATUS_CODES,
      description: `${own}The National Public Service Portal's status code: ${meanings}.`,
      'x-enum-varnames': NATIONAL_STATUS_CODES.map((code) => DOSSIER_STATUSES[code - 1]),
      'x-enum-descriptions': NATIONAL_STATUS_CODES.map((code) => NATIONAL_STATUS_MEANINGS[code]),
    });
  }
}

/** The OpenAPI document of one service, which the gateway merges into the public one. */
export function buildServiceDocument(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${service} service`)
    .setDescription(`Operations owned by the ${service} service.`)
    .setVersion('1')
    // OpenAPI 3.1, JSON Schema 2020-12: a nullable reference is `anyOf: [{$ref}, {type: 'null'}]`
    // and a nullable enum lists null (Nest converts `nullable: true` so); in 3.0's
    // `nullable` beside `allOf`, a null failed the reference.
    .setOpenAPIVersion('3.1.0')
    .build();
  documentValidatedPatterns();
  const document = SwaggerModule.createDocument(app, config, {
    // Unique across services, so the merged document has no clashes.
    operationIdFactory: operationIdOf,
  });
  describeNationalStatusCodes(document);
  const handlers = handlersByOperationId(app);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, { operationId?: string; security?: unknown } | undefined>)) {
      if (!operation || typeof operation !== 'object' || typeof operation.operationId !== 'string') continue;
      const route = handlers.get(operation.operationId);
      if (!route) continue;
      const rule = accessRuleOf(route.handler, route.controller);
      const key = `${method.toUpperCase()} ${path}`;
      // The policy lists what each rule decides; a handler naming a rule that does not list it
      // would make the policy file lie about who may call the operation.
      if (rule.name !== PUBLIC_ACCESS.name && !rule.operations.includes(key as Operation)) throw new Error(`${operation.operationId} (${key}) names the access rule ${rule.name}, which does not list it`);
      operation.security = securityOf(rule);
    }
  }
  return document;
}
