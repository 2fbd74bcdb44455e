import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest, Caller } from '@onestop/platform';
import { Access, answerCreated, ApiPageResponse, ApiProblems, CurrentCaller, dossierCodeParam, type Page, PageQuery, prefersPdf, Problem, PROBLEM_CONTENT_TYPE, ProblemException } from '@onestop/platform';
import { ReceptionCheckView } from '../receipts/receipt.views.js';
import { ReceiptsService } from '../receipts/receipts.service.js';

import { DossierListQuery, RateDossierRequest, SubmitDossierRequest, SubmitSupplementRequest, WithdrawDossierRequest } from './dossier.dto.js';
import { DossierProgressEntryView, DossierRatingResult, DossierSummary, DossierView } from './dossier.views.js';
import { DossiersService } from './dossiers.service.js';
import { ReceptionService } from './reception.service.js';
import { ApplicantActionsService } from './applicant-actions.service.js';
import { RatingLookupQuery } from '../lookup/lookup.dto.js';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { applicantProof, LookupCodeQuery } from '../lookup/lookup-code.js';
import { IntakeAccess } from '../access-policy.js';

const CODE_PARAM = dossierCodeParam();

@ApiTags('dossiers')
@ApiExtraModels(Problem)
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly reception: ReceptionService,
    private readonly dossiers: DossiersService,
    private readonly actions: ApplicantActionsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Access(IntakeAccess.receiveDossier)
  @ApiOperation({
    summary: 'Submit (receive) a dossier',
    description: [
      'Receives a dossier on one of three channels: `online` (a citizen), `counter` (a reception officer of the receiving agency, on the applicant\'s behalf) or `post` (a reception officer or the postal operator, with the hand-over time as `receivedAt`).',
      'Checks, each refused with 422 and a stable `code`: `unknown-procedure`, `unknown-agency`, `procedure-abolished`, `agency-does-not-receive`, `channel-not-allowed` (online needs level 3-4; post needs the procedure to accept post), `online-only-day` (a listed procedure at the counter on the agency\'s online-only weekday: help the applicant submit online), `delivery-not-offered`, `unknown-document`, and `documents-missing`, which lists the missing documents (`missingDocuments`) for a supplement request (form 02).',
      'The dossier code is `{agency}-{yyMMdd}-{sequence}`; the appointment date is counted in working time from the version in force at receipt. Emits DossierReceived. Retrying with the same `Idempotency-Key` answers the same dossier (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 409.',
    ].join('\n\n'),
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string (1-200 visible ASCII characters), e.g. a UUID; retry with the same one.' })
  @ApiCreatedResponse({ type: DossierView, description: 'The dossier as received, with its lookup code and appointment date.' })
  @ApiProblems(400, 401, 403, 409, 422, 503)
  async submit(
    @CurrentCaller() caller: Caller,
    @Body() request: SubmitDossierRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierView> {
    const outcome = await this.reception.submit(caller, request, idempotencyKey);
    return answerCreated(response, `/api/v1/dossiers/${outcome.result.code}`, outcome);
  }

  @Post('checks')
  @Access(IntakeAccess.receiveDossier)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a dossier before receiving it',
    description:
      'Runs the checks of reception on the same body as `POST /dossiers` and receives nothing. The answer says whether the dossier would be received and, if not, the data of the form to hand the applicant: 03 (refusal, with the reasons) or 02 (supplement request, with the missing documents). With `Accept: application/pdf` it is that form, printable (409 `dossier-receivable` when there is nothing to print).',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: ReceptionCheckView, description: 'The outcome of the checks.' })
  @ApiProblems(400, 401, 403, 409, 422, 503)
  async check(@CurrentCaller() caller: Caller, @Body() request: SubmitDossierRequest, @Headers('accept') accept: string | undefined): Promise<ReceptionCheckView | StreamableFile> {
    this.reception.authorise(caller, request);
    const check = this.receipts.checkView(await this.reception.assess(request));
    if (!prefersPdf(accept)) return check;
    if (!check.form) throw ProblemException.conflict('dossier-receivable', 'The dossier would be received: there is no refusal or supplement request to print.');
    return new StreamableFile(await this.receipts.checkPdf(check, request), { type: 'application/pdf', disposition: `inline; filename="mau-${check.form}.pdf"` });
  }

  @Get()
  @Access(IntakeAccess.readDossier)
  @ApiOperation({
    summary: 'List dossiers',
    description:
      'Officers: the dossiers their agencies receive or decide (narrow with `agencyCode`). Citizens: their own. Newest first; filter by status, procedure, channel, receipt period, overdue, and `q` (the start of a code, or words of the applicant\'s name with or without diacritics).',
  })
  @ApiPageResponse(DossierSummary, 'A page of dossiers.')
  @ApiProblems(400, 401, 403)
  list(@CurrentCaller() caller: Caller, @Query() query: DossierListQuery): Promise<Page<DossierSummary>> {
    return this.dossiers.list(caller, query);
  }

  @Get(':code')
  @Access(IntakeAccess.readDossier)
  @ApiOperation({ summary: 'Read a dossier', description: 'For its applicant and the officers of the receiving or competent agency; 404 for anyone else.' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: DossierView, description: 'The dossier.' })
  @ApiProblems(401, 403, 404)
  async get(@CurrentCaller() caller: Caller, @Param('code') code: string): Promise<DossierView> {
    return this.dossiers.view(caller, code);
  }

  @Get(':code/progress')
  @Access(IntakeAccess.readDossier)
  @ApiOperation({ summary: 'Read a dossier\'s progress', description: 'Every status change, oldest first, with the unit, officer and national status code, a page at a time (`limit`, `cursor`).' })
  @ApiParam(CODE_PARAM)
  @ApiPageResponse(DossierProgressEntryView, 'A page of the progress.')
  @ApiProblems(400, 401, 403, 404)
  async progress(@CurrentCaller() caller: Caller, @Param('code') code: string, @Query() query: PageQuery): Promise<Page<DossierProgressEntryView>> {
    await this.dossiers.visible(caller, code);
    return this.dossiers.progressPage(code, query);
  }

  @Post(':code/withdrawal')
  @Access(IntakeAccess.actForApplicant)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a dossier', description: 'By the applicant, or a reception officer on their behalf, until the result is issued. Processing decides, under the case\'s lock: once the result is issued or the case is final (also when the two requests race) the answer is a 409 `dossier-not-withdrawable` naming `currentStatus`, and a 200 is never undone. Right after reception, while the case is still being opened, a 409 `case-opening` with `Retry-After`: send the same request again. The progress entry (status 7) follows within a moment. Emits DossierWithdrawn.' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: DossierView, description: 'The dossier, withdrawn.' })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  withdraw(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() request: WithdrawDossierRequest): Promise<DossierView> {
    return this.actions.withdraw(caller, code, request);
  }

  @Post(':code/supplements')
  @Access(IntakeAccess.answerForApplicant)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Supplement a dossier',
    description: [
      'The applicant\'s answer to the supplement request (form 02), whose items are the dossier\'s `supplementRequests[].items` (and the case\'s): documents of the procedure\'s list, named by `requirement`, and extra items the officer asked in words, named by their `item` number. Each entry may name the files that carry it, uploaded first to `POST /dossiers/{code}/documents` (with `?secret=` too, while a supplement is requested).',
      'Who: the applicant or a reception officer of the receiving agency on their behalf, signed in; or, without signing in, whoever holds the dossier\'s lookup code from the receipt, sent as `secret` (an applicant who submitted at the counter or by post has no account). A wrong lookup code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit, as at `/lookup` (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401.',
      'Only while a supplement is requested (409 `supplement-not-requested` otherwise). An entry the request does not ask for is a 422 `not-requested` naming the field (`documents[0].requirement`, `documents[0].item`); a file that is not the dossier\'s a 422 `unknown-file` (`documents[0].files[0]`).',
      'An answer may bring part of what was asked: it is kept, its documents join the dossier\'s `documents` (with `supplementedAt`), and the request shows what is still missing (`outstanding`); the dossier stays `supplement_requested` and the clock stopped, as the law has it (the applicant completes the dossier as requested), until an answer brings the rest. The answer that completes the request moves the dossier back to processing and the clock resumes, the dates moving out by the working time waited. Emits SupplementReceived (with `complete`) either way.',
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: DossierView, description: 'The dossier: back in processing once the request is complete, else still `supplement_requested` with what is missing in `supplementRequests[].outstanding`.' })
  @ApiResponse({
    status: 422,
    description: 'An entry names something the request does not ask for (`not-requested`), a file that is not the dossier\'s (`unknown-file`), or a document beyond the procedure\'s list (`unknown-document`); `errors` names the field.',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiLookupAttemptsLimited()
  supplement(@Req() http: AuthenticatedRequest, @Param('code') code: string, @Query() query: LookupCodeQuery, @Body() request: SubmitSupplementRequest): Promise<DossierView> {
    return this.actions.supplement(applicantProof(http, query.secret), code, request);
  }

  @Post(':code/rating')
  @Access(IntakeAccess.lookUpDossier)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rate the service',
    description: 'Once per dossier, after the result is ready; proven with the lookup code from the receipt (`secret`), so counter applicants without an account can rate too; wrong codes count towards the dossier\'s lookup limit, as at `/lookup` (429 `too-many-lookup-attempts`). Emits DossierRated.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: DossierRatingResult, description: 'The rating as recorded.' })
  @ApiProblems(400, 404, 409)
  @ApiLookupAttemptsLimited()
  rate(@Param('code') code: string, @Query() query: RatingLookupQuery, @Body() request: RateDossierRequest): Promise<DossierRatingResult> {
    return this.actions.rate(code, query.secret, request);
  }
}
