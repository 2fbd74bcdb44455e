import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeDocuments, toOpenApi31 } from './merge-documents.js';

const problem = { type: 'object', properties: { code: { type: 'string' } } };

function doc(paths: Record<string, unknown>, schemas: Record<string, unknown>): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas } } as OpenAPIObject;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('merging service documents', () => {
  it('keeps one copy of identical schemas and prefixes differing ones, fixing their refs', () => {
    const catalog = doc({ '/api/v1/procedures': { get: { responses: { 200: { content: { 'application/json': { schema: ref('Summary') } } }, 400: { content: { 'application/json': { schema: ref('Problem') } } } } } } }, { Summary: { type: 'object', properties: { procedures: { type: 'integer' } } }, Problem: problem });
    const reporting = doc({ '/api/v1/reports/x': { get: { responses: { 200: { content: { 'application/json': { schema: ref('Summary') } } } } } } }, { Summary: { type: 'object', properties: { dossiers: { type: 'integer' } } }, Problem: problem });
    const merged = mergeDocuments([{ service: 'catalog', document: catalog }, { service: 'reporting', document: reporting }]) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, unknown>;
    };
    expect(Object.keys(merged.components.schemas).sort()).toEqual(['Problem', 'ReportingSummary', 'Summary']);
    expect(JSON.stringify(merged.paths['/api/v1/reports/x'])).toContain('#/components/schemas/ReportingSummary');
    expect(JSON.stringify(merged.paths['/api/v1/procedures'])).toContain('#/components/schemas/Summary"');
  });

  it('refuses two services claiming one path', () => {
    const a = doc({ '/api/v1/x': {} }, {});
    expect(() => mergeDocuments([{ service: 'catalog', document: a }, { service: 'intake', document: a }])).toThrow(/two services/);
  });

  it('names every tag the operations use, lists the platform answers, and documents 429 on every operation', () => {
    const catalog = doc(
      {
        '/api/v1/fields': { get: { tags: ['fields'], responses: { 200: { description: 'ok' } } } },
        '/api/v1/things': { post: { tags: ['things'], responses: { 201: { description: 'ok' }, 429: { description: 'own' } } } },
      },
      { Problem: problem },
    );
    const merged = mergeDocuments([{ service: 'catalog', document: catalog }]) as {
      tags: Array<{ name: string; description: string }>;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { responses: Record<string, { content: Record<string, unknown> }> };
      info: { description: string; license: { name: string } };
      'x-platform-answers': Array<{ status: number; codes: string[] }>;
    };
    expect(merged.tags.map((t) => t.name)).toEqual(['fields', 'things']);
    expect(merged.tags.every((t) => t.description.length > 0)).toBe(true);
    expect(merged.paths['/api/v1/fields'].get.responses['429']).toEqual({ $ref: '#/components/responses/RateLimited' });
    expect(merged.paths['/api/v1/things'].post.responses['429']).toEqual({ description: 'own' });
    expect(merged.components.responses.RateLimited.content).toEqual({ 'application/problem+json': { schema: ref('Problem') } });
    expect(merged['x-platform-answers'].find((a) => a.status === 400)?.codes).toEqual(expect.arrayContaining(['malformed-body', 'invalid-characters']));
    expect(merged.info.description).toContain('invalid-characters');
    expect(merged.info.license.name).toBeTruthy();
  });

  it('turns 3.0 nullable into 3.1 null types', () => {
    expect(toOpenApi31({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toOpenApi31({ properties: { a: { ...ref('A'), nullable: true } } })).toEqual({ properties: { a: { anyOf: [ref('A'), { type: 'null' }] } } });
    // Nest 3.0's nullable reference with a description: a null type beside allOf would fail the reference.
    expect(toOpenApi31({ type: 'object', nullable: true, description: 'd', allOf: [ref('A')] })).toEqual({ description: 'd', anyOf: [ref('A'), { type: 'null' }] });
    expect(toOpenApi31({ type: 'string', nullable: true, enum: ['a'] })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  });

  it('defines the bearer and X-Api-Key schemes the operations name, and no blanket security', () => {
    const merged = mergeDocuments([]) as { security?: unknown; components: { securitySchemes: Record<string, Record<string, unknown>> } };
    expect(merged.security).toBeUndefined();
    expect(merged.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(merged.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });
});
