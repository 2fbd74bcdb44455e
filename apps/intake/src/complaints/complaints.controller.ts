import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, ApiPageResponse, ApiProblems, type Caller, CallerResolver, CurrentCaller, type Page } from '@onestop/platform';
import { AnswerComplaintRequest, ComplaintLookupQuery, ComplaintQuery, ComplaintReceipt, ComplaintStatusView, ComplaintView, FileComplaintRequest } from './complaint.dto.js';
import { ComplaintsService } from './complaints.service.js';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { IntakeAccess } from '../access-policy.js';

const RECEIPT_EXAMPLE: ComplaintReceipt = { id: '8c7f2b8e-1d7a-4f55-9a43-2b3c1c9d2e10', filedAt: '2026-04-02T09:00:00+07:00', lookupSecret: 'H4KQ7ZP2M9XD' };

const STATUS_EXAMPLE: ComplaintStatusView = {
  id: '8c7f2b8e-1d7a-4f55-9a43-2b3c1c9d2e10',
  agencyCode: '000.00.01.H56',
  dossierCode: '000.00.01.H56-260316-0001',
  subject: 'Hồ sơ quá hạn chưa được giải quyết',
  content: 'Hồ sơ của tôi đã quá ngày hẹn trả 5 ngày mà chưa có kết quả.',
  filedAt: '2026-04-02T09:00:00+07:00',
  status: 'answered',
  answer: 'Hồ sơ đã được giải quyết, mời ông/bà đến nhận kết quả.',
  answeredAt: '2026-04-03T10:00:00+07:00',
};

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly callers: CallerResolver,
  ) {}

  @Post()
  @Access(IntakeAccess.fileComplaint)
  @ApiOperation({
    summary: 'File a complaint or petition',
    description: [
      'Public: anyone may file one about an agency\'s service (phản ánh, kiến nghị), with a contact to answer; about a dossier, with its lookup code (wrong codes count towards the dossier\'s lookup limit, as at `/lookup`: 429 `too-many-lookup-attempts`). Emits ComplaintFiled.',
      'The answer carries the complaint\'s own lookup code (`lookupSecret`), shown only this once: with it, `GET /complaints/{id}?secret=…` shows the status and the answer without signing in. A citizen who files while signed in (bearer token) also reads it later with the token alone.',
    ].join('\n\n'),
  })
  @ApiCreatedResponse({ type: ComplaintReceipt, description: 'The reference to quote and the lookup code to read the answer with.', example: RECEIPT_EXAMPLE })
  @ApiProblems(400, 401, 422)
  @ApiLookupAttemptsLimited()
  async file(@Body() request: FileComplaintRequest, @Req() http: Request): Promise<ComplaintReceipt> {
    return this.complaints.file(await this.callers.resolve(http), request);
  }

  @Get()
  @Access(IntakeAccess.listComplaints)
  @ApiOperation({ summary: 'List complaints', description: 'Those about the caller\'s agencies, newest first; `state=open` for the unanswered.' })
  @ApiPageResponse(ComplaintView, 'A page of complaints.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: ComplaintQuery): Promise<Page<ComplaintView>> {
    return this.complaints.list(caller, query);
  }

  @Get(':id')
  @Access(IntakeAccess.readComplaint)
  @ApiOperation({
    summary: 'Read a complaint\'s answer',
    description: [
      'For the complainant, no sign-in: with the lookup code answered at filing (`secret`), the complaint as they wrote it, whether it is answered, the answer and when. Without `secret`, the citizen who filed it while signed in reads it with their bearer token; with neither, 401.',
      'No contact details and no officer\'s name. An unknown id, a wrong lookup code and someone else\'s complaint are the same 404 `complaint-not-found`. After 10 wrong lookup codes for one complaint within 15 minutes, every attempt with a code is a 429 `too-many-lookup-attempts` until those 15 minutes are over, as at `/lookup`.',
    ].join('\n\n'),
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The id answered at filing.' })
  @ApiOkResponse({ type: ComplaintStatusView, description: 'The complaint, its status and the answer.', example: STATUS_EXAMPLE })
  @ApiProblems(400, 401, 404)
  @ApiLookupAttemptsLimited()
  async read(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ComplaintLookupQuery, @Req() http: Request): Promise<ComplaintStatusView> {
    return this.complaints.read(id, query.secret, await this.callers.resolve(http));
  }

  @Post(':id/answer')
  @Access(IntakeAccess.answerComplaint)
  @ApiOperation({ summary: 'Answer a complaint', description: 'Once, by an officer of the agency concerned. Emits ComplaintAnswered; the complainant reads the answer at `GET /complaints/{id}`.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: ComplaintView, description: 'The complaint with its answer.' })
  @ApiProblems(400, 401, 403, 404, 409)
  answer(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Body() request: AnswerComplaintRequest): Promise<ComplaintView> {
    return this.complaints.answer(caller, id, request);
  }
}
