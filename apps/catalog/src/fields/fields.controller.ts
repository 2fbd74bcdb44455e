import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Page, PageQuery, ProblemException, toPage } from '@onestop/platform';
import { CreateFieldRequest, UpdateFieldRequest } from './field.dto.js';
import { FieldView } from './field.views.js';
import { FieldsRepository } from './fields.repository.js';
import { CatalogAccess } from '../access-policy.js';

@ApiTags('fields')
@Controller('fields')
export class FieldsController {
  constructor(private readonly fields: FieldsRepository) {}

  @Get()
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'List fields', description: 'The fields of administration (lĩnh vực), by code, a page at a time (`limit`, `cursor`).' })
  @ApiPageResponse(FieldView, 'A page of fields.')
  @ApiProblems(400)
  async list(@Query() query: PageQuery): Promise<Page<FieldView>> {
    const rows = await this.fields.page(query.limit, query.cursor);
    const page = toPage(rows, query.limit, (last) => ({ code: last.code }));
    return { items: page.items.map((field) => ({ code: field.code, name: field.name })), nextCursor: page.nextCursor };
  }

  @Get(':code')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'Read a field', description: 'One field of administration (lĩnh vực) by its code; 404 `field-not-found` for an unknown code.' })
  @ApiParam({ name: 'code', example: 'G09-TP01' })
  @ApiOkResponse({ type: FieldView, description: 'The field.' })
  @ApiProblems(404)
  async get(@Param('code') code: string): Promise<FieldView> {
    const field = await this.fields.find(code);
    if (!field) throw ProblemException.notFound('field-not-found', `No field with code ${code}.`);
    return field;
  }

  @Post()
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Create a field', description: 'Admin only.' })
  @ApiCreatedResponse({ type: FieldView, description: 'The new field.' })
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() request: CreateFieldRequest): Promise<FieldView> {
    if (!(await this.fields.insert({ code: request.code, name: request.name }))) {
      throw ProblemException.conflict('field-exists', `Field ${request.code} already exists.`);
    }
    return { code: request.code, name: request.name };
  }

  @Put(':code')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Rename a field', description: 'Admin only.' })
  @ApiParam({ name: 'code', example: 'G09-TP01' })
  @ApiOkResponse({ type: FieldView, description: 'The field as renamed.' })
  @ApiProblems(400, 401, 403, 404)
  async update(@Param('code') code: string, @Body() request: UpdateFieldRequest): Promise<FieldView> {
    if (!(await this.fields.rename(code, request.name))) throw ProblemException.notFound('field-not-found', `No field with code ${code}.`);
    return { code, name: request.name };
  }
}
