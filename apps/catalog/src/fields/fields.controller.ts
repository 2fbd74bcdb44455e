import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiPageResponse, ApiProblems, decodeCursor, type Page, PageQuery, ProblemException, Roles, toPage } from '@onestop/platform';
import { CreateFieldRequest, FieldView, UpdateFieldRequest } from './field.dto.js';
import { Field } from './field.entity.js';

@ApiTags('fields')
@Controller('fields')
export class FieldsController {
  constructor(@InjectRepository(Field) private readonly fields: Repository<Field>) {}

  @Get()
  @ApiOperation({ summary: 'List fields', description: 'The fields of administration (lĩnh vực), by code, a page at a time (`limit`, `cursor`).' })
  @ApiPageResponse(FieldView, 'A page of fields.')
  @ApiProblems(400)
  async list(@Query() query: PageQuery): Promise<Page<FieldView>> {
    const builder = this.fields.createQueryBuilder('f').orderBy('f.code', 'ASC').take(query.limit + 1);
    if (query.cursor) builder.where('f.code > :after', { after: decodeCursor(query.cursor, { code: 'string' }).code });
    const rows = await builder.getMany();
    const page = toPage(rows, query.limit, (last) => ({ code: last.code }));
    return { items: page.items.map((field) => ({ code: field.code, name: field.name })), nextCursor: page.nextCursor };
  }

  @Get(':code')
  @ApiOperation({ summary: 'Read a field', description: 'One field of administration (lĩnh vực) by its code; 404 `field-not-found` for an unknown code.' })
  @ApiParam({ name: 'code', example: 'G09-TP01' })
  @ApiOkResponse({ type: FieldView, description: 'The field.' })
  @ApiProblems(404)
  async get(@Param('code') code: string): Promise<FieldView> {
    const field = await this.fields.findOneBy({ code });
    if (!field) throw ProblemException.notFound('field-not-found', `No field with code ${code}.`);
    return field;
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a field', description: 'Admin only.' })
  @ApiCreatedResponse({ type: FieldView, description: 'The new field.' })
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() request: CreateFieldRequest): Promise<FieldView> {
    const inserted = (await this.fields.query(`INSERT INTO fields (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code`, [
      request.code,
      request.name,
    ])) as unknown[];
    if (inserted.length === 0) {
      throw ProblemException.conflict('field-exists', `Field ${request.code} already exists.`);
    }
    return { code: request.code, name: request.name };
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a field', description: 'Admin only.' })
  @ApiParam({ name: 'code', example: 'G09-TP01' })
  @ApiOkResponse({ type: FieldView, description: 'The field as renamed.' })
  @ApiProblems(400, 401, 403, 404)
  async update(@Param('code') code: string, @Body() request: UpdateFieldRequest): Promise<FieldView> {
    const result = await this.fields.update({ code }, { name: request.name });
    if (!result.affected) throw ProblemException.notFound('field-not-found', `No field with code ${code}.`);
    return { code, name: request.name };
  }
}
