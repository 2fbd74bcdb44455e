import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems, type Caller, CurrentCaller, dossierCodeParam, FormFormatQuery, setAuditHints, wantsPdf } from '@onestop/platform';
import { ControlSheetService } from '../control-sheet/control-sheet.service.js';
import { ControlSheetView } from '../control-sheet/control-sheet.views.js';
import { CaseActionRequest } from './case.dto.js';
import { CaseView } from './case.views.js';
import { CasesService } from './cases.service.js';
import { WorkflowAccess } from '../access-policy.js';

const CODE_PARAM = dossierCodeParam('dossierCode');

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly controlSheets: ControlSheetService,
  ) {}

  @Get(':dossierCode')
  @Access(WorkflowAccess.readCase)
  @ApiOperation({ summary: 'Read a case', description: 'For officers of the agencies the case passes through: state, steps with their working time, due date, appointment, lateness, the supplement request awaited and every earlier one (`supplementRequests`), apology and outcome. Each step has its share of the time limit (`allottedMinutes`; inter-agency procedures chain several agencies, each with its share); a step reached has its own due time (`dueAt`: entry plus its share in working minutes on the working calendar, moved out by supplement waits at the step). The current step says whether it is past that time (`overdue`); a finished one whether it spent more than its share (`spentMinutes` against `allottedMinutes`, `overrunMinutes` beyond it). The case\'s `lateness` is still judged against its own `dueAt` (the appointment date), and is what reports and the lateness sweep count.' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: CaseView, description: 'The case.' })
  @ApiProblems(401, 403, 404)
  get(@CurrentCaller() caller: Caller, @Param('dossierCode') code: string): Promise<CaseView> {
    return this.cases.view(caller, code);
  }

  @Post(':dossierCode/actions')
  @Access(WorkflowAccess.actOnCase)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Act on a case',
    description: [
      'One action, by an officer of the agency at the current step, with the role the step needs (reception at receive and return steps, specialists to appraise, leaders to approve, assign and stop); a case assigned to another officer is theirs (leaders excepted).',
      'Actions: `accept` (reception, at the receive step, for a dossier submitted online: it is newly registered, national status 1, until accepted, and its time limit and appointment are counted from the acceptance; until then it can be refused, sent back for a supplement or withdrawn, but not forwarded); `claim`; `assign` (`assignee`: an officer of the directory, `/officers`, of the agency where the case is, with a role that does the step, else a 422 `invalid-assignee`); `forward` to the next step, from a receive step (the hand-over to the competent unit: an appraise step ends only with `appraise` and an approve step with `approve`, or a refusal); `appraise` (`opinion`) and `approve`, which also move on; `refuse` (`reason`, form 03); `request_supplement` (`missingDocuments`, form 02: numbered items, each a document of the procedure\'s list by its position `requirement` (named as the version lists it; 422 `unknown-document` beyond the list, `document-asked-twice` for one asked twice, naming `missingDocuments[i].requirement`) or an extra item in words (`name`), with an optional `note`; the clock stops until the applicant\'s answers have brought every item (a partial answer is recorded, with what is still missing, and the clock stays stopped), and the dates move out by the wait; every request stays in the case\'s `supplementRequests`, with its answers and when it was answered); `stop` (`reason`, form 05); `issue_result` (`result`) at the last step; `mark_returned` (a result by post is returned by its delivery: an officer marks it returned only once the post brought it back, or with a `reason`, else a 409 `result-goes-by-post`); `handle_on_the_spot` (`result`: "4 tại chỗ", at reception, for an eligible counter dossier); `apologise` (`reason`, `newAppointmentAt`: form 04, once per case, by the unit where the case is late: overdue, or at risk, i.e. due within `AT_RISK_WORKING_MINUTES` working minutes, judged on the clock at the request against the due date, with the clock stopped while a supplement is awaited; an on-time case is a 409 `action-not-allowed` with `lateness: on_time`; the new date must be after the current appointment and in the future, else a 422 `invalid-new-appointment`).',
      'An action the case\'s state does not allow is a 409 `action-not-allowed` naming `currentState`, `currentStepKind` and the case\'s `lateness`. Every action is written on the control sheet; status changes emit DossierStatusChanged, and a result ResultReady.',
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: CaseView, description: 'The case after the action.' })
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  async act(@CurrentCaller() caller: Caller, @Param('dossierCode') code: string, @Body() request: CaseActionRequest, @Res({ passthrough: true }) response: Response): Promise<CaseView> {
    // For the gateway's audit log, which does not read bodies: set first, so a refusal says it too.
    setAuditHints(response, { action: request.action });
    return (await this.cases.act(caller, code, request)).view;
  }

  @Get(':dossierCode/control-sheet')
  @Access(WorkflowAccess.readCase)
  @ApiOperation({
    summary: 'Read or print the control sheet (form 06)',
    description: [
      'Every hand-over: time, the giving unit and officer, the receiving unit and officer (codes and subjects, and their names: units as the catalog names them, officers as the officer directory knows them), result, note.',
      '`Accept: application/pdf` or `?format=pdf` for the printable form: the receiving agency under its superior authority beside the national header, one row per hand-over with the giver and the receiver by name, the time in words (`10 giờ 00, ngày 16 tháng 3 năm 2026`), the result, and a cell for each of them to sign. The same form is printed for the applicant at `/dossiers/{code}/forms/06`. Any other query parameter is a 400.',
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: ControlSheetView, description: 'Form 06.' })
  @ApiProblems(400, 401, 403, 404)
  async controlSheet(
    @CurrentCaller() caller: Caller,
    @Param('dossierCode') code: string,
    @Query() query: FormFormatQuery,
    @Headers('accept') accept: string | undefined,
  ): Promise<ControlSheetView | StreamableFile> {
    const c = await this.cases.view(caller, code);
    const sheet = await this.controlSheets.sheet(code, c.procedureName);
    if (wantsPdf(accept, query.format)) {
      return new StreamableFile(await this.controlSheets.pdf(sheet), { type: 'application/pdf', disposition: `inline; filename="phieu-kiem-soat-${code}.pdf"` });
    }
    return sheet;
  }
}
