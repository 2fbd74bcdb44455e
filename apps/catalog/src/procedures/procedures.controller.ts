import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type Page, PageQuery } from '@onestop/platform';
import { ProcedureView, PublishProcedureRequest } from './procedure.dto.js';
import { ProceduresService } from './procedures.service.js';

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Post()
  @ApiOperation({ summary: 'Publish a procedure', description: 'Adds a procedure to the catalog and announces it to the other services (ProcedurePublished).' })
  @ApiCreatedResponse({ type: ProcedureView, description: 'The published procedure.' })
  @ApiProblems(400, 409)
  publish(@Body() request: PublishProcedureRequest): Promise<ProcedureView> {
    return this.procedures.publish(request);
  }

  @Get()
  @ApiOperation({ summary: 'List procedures', description: 'Procedures in code order, a page at a time.' })
  @ApiPageResponse(ProcedureView, 'A page of procedures.')
  @ApiProblems(400)
  list(@Query() query: PageQuery): Promise<Page<ProcedureView>> {
    return this.procedures.list(query.limit, query.cursor);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Read a procedure', description: 'One procedure by its national code.' })
  @ApiParam({ name: 'code', example: '1.003560' })
  @ApiOkResponse({ type: ProcedureView, description: 'The procedure.' })
  @ApiProblems(404)
  get(@Param('code') code: string): Promise<ProcedureView> {
    return this.procedures.get(code);
  }
}
