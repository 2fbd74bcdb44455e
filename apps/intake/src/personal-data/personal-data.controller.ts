import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page, PageQuery, ProblemException } from '@onestop/platform';
import { IntakeAccess } from '../access-policy.js';
import {
  ErasureRunView,
  ErasureView,
  ExportLogView,
  PersonalDataExportView,
  OwnExportRequest,
  PersonalDataRequest,
  RetentionPoliciesView,
  RetentionPolicyView,
  SaveRetentionPolicyRequest,
} from './personal-data.dto.js';
import { PersonalDataService } from './personal-data.service.js';

const FIELD_CODE = /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,49})$/;
const RETENTION =
  'Retention of applicants\' personal data (Decree 13/2023/NĐ-CP): once a dossier is closed (returned, refused, stopped or withdrawn) and its field\'s retention has passed (or the default `*`), its applicant\'s name, identity number, phone, email and street address, the receiver by post, the account link, the rating\'s comment, supplements\' notes, complaints\' contacts and texts, its document files and its entries in the document store are removed, in intake and in every service holding a copy (PersonalDataErased); its code, procedure, agencies, dates, statuses and the reports\' figures stay. Fee receipts keep the payer\'s name (accounting records, Luật Kế toán: 10 years) and signed electronic results stay verifiable.';

@ApiTags('personal data')
@Controller()
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('retention-policies')
  @Access(IntakeAccess.managePersonalData)
  @ApiOperation({ summary: 'Read the retention of personal data', description: RETENTION })
  @ApiOkResponse({ type: RetentionPoliciesView })
  @ApiProblems(401, 403)
  policies(): Promise<RetentionPoliciesView> {
    return this.personalData.policies();
  }

  @Put('retention-policies/:fieldCode')
  @Access(IntakeAccess.managePersonalData)
  @ApiOperation({ summary: 'Set a field\'s retention of personal data', description: `${RETENTION}\n\nSets the months for one field (lĩnh vực code) or the default \`*\`; applies from the next erasure round.` })
  @ApiParam({ name: 'fieldCode', example: 'DD', description: 'A field code, or `*` for the default.' })
  @ApiOkResponse({ type: RetentionPolicyView })
  @ApiProblems(400, 401, 403)
  savePolicy(@CurrentCaller() caller: Caller, @Param('fieldCode') fieldCode: string, @Body() request: SaveRetentionPolicyRequest): Promise<RetentionPolicyView> {
    if (!FIELD_CODE.test(fieldCode)) throw ProblemException.badRequest('validation-failed', 'fieldCode: must be a field code or *', [{ field: 'fieldCode', reason: 'must be a field code (letters, digits, dot, dash, underscore) or *' }]);
    return this.personalData.savePolicy(caller, fieldCode, request);
  }

  @Post('personal-data/erasures')
  @Access(IntakeAccess.managePersonalData)
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase now the personal data past its retention', description: `${RETENTION}\n\nRuns the round PERSONAL_DATA_SWEEP_MS runs on its own, now, and answers what it erased.` })
  @ApiOkResponse({ type: ErasureRunView })
  @ApiProblems(401, 403)
  eraseNow(): Promise<ErasureRunView> {
    return this.personalData.eraseDue();
  }

  @Get('personal-data/erasures')
  @Access(IntakeAccess.managePersonalData)
  @ApiOperation({ summary: 'List the dossiers whose personal data was erased', description: 'Newest first: the dossier, when it closed, the retention it was kept for, when it was erased and how many files went.' })
  @ApiPageResponse(ErasureView, 'A page of the erasure log.')
  @ApiProblems(400, 401, 403)
  erasures(@Query() query: PageQuery): Promise<Page<ErasureView>> {
    return this.personalData.erasures(query);
  }

  @Get('personal-data/exports')
  @Access(IntakeAccess.managePersonalData)
  @ApiOperation({ summary: 'List the exports of personal data', description: 'Newest first: who gave out whose data (by a hash of the identity number), on which written request, how many dossiers.' })
  @ApiPageResponse(ExportLogView, 'A page of the export log.')
  @ApiProblems(400, 401, 403)
  exports(@Query() query: PageQuery): Promise<Page<ExportLogView>> {
    return this.personalData.exports(query);
  }

  @Post('personal-data/me/exports')
  @Access(IntakeAccess.exportOwnPersonalData)
  @HttpCode(201)
  @ApiOperation({ summary: 'Export my personal data', description: 'Everything intake holds about the signed-in citizen under the dossiers of their account (the right of access, Decree 13/2023 art. 14). Each export is logged (`GET /personal-data/exports`), with the reason when one is given.' })
  @ApiCreatedResponse({ type: PersonalDataExportView })
  @ApiProblems(400, 401, 403)
  exportOwn(@CurrentCaller() caller: Caller, @Body() request: OwnExportRequest): Promise<PersonalDataExportView> {
    return this.personalData.exportOwn(caller, request.reason ?? null);
  }

  @Post('personal-data/exports')
  @Access(IntakeAccess.exportPersonalDataOnRequest)
  @HttpCode(201)
  @ApiOperation({ summary: 'Export a person\'s data on their written request', description: 'For an applicant without an account who asks at the counter: the dossiers under their identity number that the officer\'s agencies received (an administrator: all), with the request\'s reference. Logged with a SHA-256 of the number, not the number.' })
  @ApiCreatedResponse({ type: PersonalDataExportView })
  @ApiProblems(400, 401, 403)
  exportOnRequest(@CurrentCaller() caller: Caller, @Body() request: PersonalDataRequest): Promise<PersonalDataExportView> {
    return this.personalData.exportOnRequest(caller, request.idNumber, request.requestReference);
  }
}
