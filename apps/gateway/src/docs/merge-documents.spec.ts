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

  it('turns 3.0 nullable into 3.1 null types', () => {
    expect(toOpenApi31({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toOpenApi31({ properties: { a: { ...ref('A'), nullable: true } } })).toEqual({ properties: { a: { anyOf: [ref('A'), { type: 'null' }] } } });
  });
});
