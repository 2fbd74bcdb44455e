import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page, Roles } from '@onestop/platform';
import { AnswerComplaintRequest, ComplaintQuery, ComplaintReceipt, ComplaintView, FileComplaintRequest } from './complaint.dto.js';
import { ComplaintsService } from './complaints.service.js';

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @ApiOperation({
    summary: 'File a complaint or petition',
    description: 'Public: anyone may file one about an agency\'s service (phản ánh, kiến nghị), with a contact to answer; about a dossier, with its lookup code. Emits ComplaintFiled.',
  })
  @ApiCreatedResponse({ type: ComplaintReceipt, description: 'The reference to quote.' })
  @ApiProblems(400, 422)
  file(@Body() request: FileComplaintRequest): Promise<ComplaintReceipt> {
    return this.complaints.file('public', request);
  }

  @Get()
  @Roles('reception', 'leader', 'admin')
  @ApiOperation({ summary: 'List complaints', description: 'Those about the caller\'s agencies, newest first; `state=open` for the unanswered.' })
  @ApiPageResponse(ComplaintView, 'A page of complaints.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: ComplaintQuery): Promise<Page<ComplaintView>> {
    return this.complaints.list(caller, query);
  }

  @Post(':id/answer')
  @Roles('reception', 'leader')
  @ApiOperation({ summary: 'Answer a complaint', description: 'Once, by an officer of the agency concerned. Emits ComplaintAnswered.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: ComplaintView, description: 'The complaint with its answer.' })
  @ApiProblems(400, 401, 403, 404, 409)
  answer(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Body() request: AnswerComplaintRequest): Promise<ComplaintView> {
    return this.complaints.answer(caller, id, request);
  }
}
