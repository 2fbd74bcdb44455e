import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, agencyCodeParam, ApiPageResponse, ApiProblems, type Page } from '@onestop/platform';
import { AgencyQuery, CreateAgencyRequest, UpdateAgencyRequest } from './agency.dto.js';
import { AgencyView } from './agency.views.js';
import { AgenciesService } from './agencies.service.js';
import { CatalogAccess } from '../access-policy.js';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'List agencies', description: 'Agencies by code; filter by parent (to walk the tree), level or words of the name.' })
  @ApiPageResponse(AgencyView, 'A page of agencies.')
  @ApiProblems(400)
  list(@Query() query: AgencyQuery): Promise<Page<AgencyView>> {
    return this.agencies.list(query);
  }

  @Get(':code')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'Read an agency', description: 'One agency by its code (mã định danh), with its level, parent and online-only weekdays; 404 `agency-not-found` for an unknown code.' })
  @ApiParam(agencyCodeParam())
  @ApiOkResponse({ type: AgencyView, description: 'The agency.' })
  @ApiProblems(404)
  get(@Param('code') code: string): Promise<AgencyView> {
    return this.agencies.get(code);
  }

  @Post()
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Create an agency', description: 'Admin only. The level and the parent must exist.' })
  @ApiCreatedResponse({ type: AgencyView, description: 'The new agency.' })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@Body() request: CreateAgencyRequest): Promise<AgencyView> {
    return this.agencies.create(request);
  }

  @Patch(':code')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Change an agency', description: 'Admin only: name, address, place in the tree, online-only weekdays.' })
  @ApiParam({ ...agencyCodeParam(), example: '000.17.22.H56' })
  @ApiOkResponse({ type: AgencyView, description: 'The agency as changed.' })
  @ApiProblems(400, 401, 403, 404, 422)
  update(@Param('code') code: string, @Body() request: UpdateAgencyRequest): Promise<AgencyView> {
    return this.agencies.update(code, request);
  }
}
