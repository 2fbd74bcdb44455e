import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, type INestApplication, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsOptional, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@onestop/domain';
import { Access, accessPolicy } from '../auth/access-rule.js';
import { buildServiceDocument } from './service-document.js';

class PartView {
  @ApiProperty({ example: 1 })
  score: number;
}

class ThingView {
  @ApiProperty({ type: PartView, nullable: true, description: 'Null until rated.' })
  part: PartView | null;

  @ApiProperty({ type: String, nullable: true, enum: ['a', 'b'] })
  kind: string | null;

  @ApiProperty({ example: 4 })
  nationalStatusCode: number;
}

class ThingQuery {
  @ApiPropertyOptional({ example: '000.00.01.H56' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN)
  agency?: string;
}

class ThingRequest {
  @ApiProperty({ example: '000.00.01.H56' })
  @Matches(AGENCY_CODE_PATTERN)
  agencyCode: string;

  @ApiProperty({ example: ['000.00.01.H56'], type: [String] })
  @Matches(AGENCY_CODE_PATTERN, { each: true })
  otherCodes: string[];
}

const TestAccess = accessPolicy('test', {
  readThings: { entry: 'public', operations: ['GET /things'] },
  readMine: { entry: 'optional-sign-in', roles: ['citizen'], operations: ['GET /things/mine'] },
  readReceipt: { entry: 'lookup-code', roles: ['citizen', 'reception'], operations: ['GET /things/receipt'] },
  createThing: { roles: ['admin', 'postal'], operations: ['POST /things'] },
  pushThing: { scopes: ['sync:write'], operations: ['POST /things/sync'] },
  callBack: { entry: 'signed', operations: ['POST /things/callbacks'] },
  manageMachines: { roles: ['admin'] },
  readMachineFeed: { roles: ['admin'], scopes: ['sync:read'], operations: ['GET /machines'] },
});

@Controller('things')
class ThingsController {
  @Get()
  @Access(TestAccess.readThings)
  @ApiOkResponse({ type: ThingView })
  list(@Query() _query: ThingQuery): ThingView {
    return { part: null, kind: null, nationalStatusCode: 1 };
  }

  @Get('mine')
  @Access(TestAccess.readMine)
  mine(): void {}

  @Get('receipt')
  @Access(TestAccess.readReceipt)
  receipt(): void {}

  @Post()
  @Access(TestAccess.createThing)
  create(@Body() _request: ThingRequest): void {}

  @Post('sync')
  @Access(TestAccess.pushThing)
  push(): void {}

  @Post('callbacks')
  @Access(TestAccess.callBack)
  callBack(): void {}
}

@Controller('machines')
@Access(TestAccess.manageMachines)
class MachinesController {
  @Get()
  @Access(TestAccess.readMachineFeed)
  feed(): void {}
}

@Controller('strays')
class StrayController {
  @Get()
  @Access(TestAccess.readThings)
  stray(): void {}
}

describe('a service\'s OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const operation = (path: string, method: 'get' | 'post') => (document.paths[path] as Record<string, { security?: unknown; parameters?: Array<{ name: string; schema?: { pattern?: string } }> }>)[method];
  const schema = (name: string) => document.components!.schemas![name] as { properties: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController, MachinesController] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    document = buildServiceDocument(app, 'test');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('writes a nullable reference as anyOf with null, and a nullable enum with null among its values (JSON Schema 2020-12)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(schema('ThingView').properties.part).toEqual({ description: 'Null until rated.', anyOf: [{ $ref: '#/components/schemas/PartView' }, { type: 'null' }] });
    expect(schema('ThingView').properties.kind).toMatchObject({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(JSON.stringify(document)).not.toContain('"nullable"');
  });

  it('declares what each operation takes, from the access rule its @Access names', () => {
    expect(operation('/things', 'get').security).toEqual([]);
    expect(operation('/things/mine', 'get').security).toEqual([{}, { bearer: ['citizen'] }]);
    expect(operation('/things/receipt', 'get').security).toEqual([{}, { bearer: ['citizen', 'reception'] }]);
    expect(operation('/things/callbacks', 'post').security).toEqual([]);
    // A key with the postal scope acts with the postal role.
    expect(operation('/things', 'post').security).toEqual([{ bearer: ['admin', 'postal'] }, { apiKey: ['postal'] }]);
    expect(operation('/things/sync', 'post').security).toEqual([{ apiKey: ['sync:write'] }]);
    // The handler's rule, not its controller's.
    expect(operation('/machines', 'get').security).toEqual([{ bearer: ['admin'] }, { apiKey: ['sync:read'] }]);
  });

  it('refuses to describe an operation whose rule does not list it, so the policy cannot lie about it', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [StrayController] }).compile();
    const stray = moduleRef.createNestApplication();
    await stray.init();
    try {
      expect(() => buildServiceDocument(stray, 'test')).toThrow('Stray_stray (GET /strays) names the access rule test.readThings, which does not list it');
    } finally {
      await stray.close();
    }
  });

  it('states the patterns the DTOs validate with, on body fields (each item of a list too) and query parameters', () => {
    expect(schema('ThingRequest').properties.agencyCode.pattern).toBe(AGENCY_CODE_PATTERN.source);
    expect(schema('ThingRequest').properties.otherCodes).toMatchObject({ type: 'array', items: { type: 'string', pattern: AGENCY_CODE_PATTERN.source } });
    expect(operation('/things', 'get').parameters?.find((p) => p.name === 'agency')?.schema?.pattern).toBe(AGENCY_CODE_PATTERN.source);
  });

  it('says what each national status code means', () => {
    const code = schema('ThingView').properties.nationalStatusCode;
    expect(code).toMatchObject({ type: 'integer', enum: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], example: 4 });
    expect(code['x-enum-varnames']).toEqual(['registered', 'accepted', 'refused', 'processing', 'supplement_requested', 'payment_requested', 'withdrawn', 'stopped', 'processed', 'returned']);
    expect(code.description).toContain('5 supplement requested');
    expect(code.description).toContain('10 result returned');
  });
});
