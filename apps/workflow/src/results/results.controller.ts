import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { Access, ApiProblems, type AuthenticatedRequest, type Caller, createValidationPipe, CurrentCaller, dossierCodeParam, Problem, PROBLEM_CONTENT_TYPE, receiveUpload, setAuditHints } from '@onestop/platform';
import { WorkflowAccess } from '../access-policy.js';
import type { CaseActionRequest } from '../cases/case.dto.js';
import { CasesService } from '../cases/cases.service.js';
import { WorkflowConfig } from '../config.js';
import { IssueResultFields, IssueResultForm, RevokeResultRequest, VerifyResultForm, VerifyResultQuery } from './result.dto.js';
import { ElectronicResultListView, ElectronicResultView, ResultVerificationView } from './result.views.js';
import { type AttachedResult, ResultsService } from './results.service.js';

const CODE_PARAM = dossierCodeParam('dossierCode');
const ID_PARAM = { name: 'id', format: 'uuid', description: 'The result\'s id, from the case\'s results.' };
const PDF_ONLY = ['application/pdf'] as const;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const UPLOAD_ANSWERS = [
  { status: 415, description: 'The body is not `multipart/form-data` (`unsupported-media-type`), or the file is not a PDF (`unsupported-file-type`).' },
  { status: 422, description: 'The file is not a well-formed PDF or its name\'s extension names another type (`file-content-mismatch`), or it carries active content (`active-content-refused`), `errors` naming `file`.' },
];

@ApiTags('results')
@ApiExtraModels(Problem)
@Controller()
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly cases: CasesService,
    private readonly config: WorkflowConfig,
  ) {}

  /** A PDF of the form (the field `file`), checked as documents are, and its other fields. */
  private async upload(request: Request, textFields: string[]): Promise<{ fields: Record<string, string>; file: AttachedResult }> {
    const upload = await receiveUpload(request, { fileField: 'file', textFields, maxFileBytes: this.config.RESULT_MAX_BYTES, mediaTypes: PDF_ONLY }, collect);
    return { fields: upload.fields, file: { pdf: upload.file.stored, fileName: upload.file.fileName } };
  }

  @Post('cases/:dossierCode/results')
  @Access(WorkflowAccess.manageResults)
  @ApiOperation({
    summary: 'Issue an electronic result with the attached PDF',
    description: [
      'The result document the agency drew up (a licence, a certificate, a decision), attached as a PDF (`multipart/form-data`: `file`, `documentNumber`, optional `summary` and `action`). It is signed with the competent agency\'s key as a PAdES signature (subfilter ETSI.CAdES.detached): a visible stamp on the last page with the agency, the signer\'s title (the approving leader\'s, as the officer directory has it), the time in words, the dossier and a verification code, and a QR code linking to `/results/verify?code=`. It is kept with its SHA-256, and announced to the applicant (ElectronicResultIssued), who downloads it at `/dossiers/{code}/result` with their account or the receipt\'s lookup code.',
      'Issuing is the case\'s action (`issue_result` at the last step by default, or `handle_on_the_spot`), judged and answered as at `POST /cases/{dossierCode}/actions` (409 `action-not-allowed`, 403 for another role or agency): the status change, ResultReady and ElectronicResultIssued are written in one transaction, or none of them. A result needing no layout of its own is rendered from the template instead: `issue_result` with `result.kind` `electronic` at `/actions`.',
      'Once per dossier: a dossier with a result in force is a 409 `result-already-issued`. After a revocation, this same request issues the replacement (corrected result) and changes no status; the revoked one stays verifiable as revoked.',
      'The signature is made by the signing adapter the settings choose (`SIGNER`: a local PKCS#12 key, or a remote signing service): 409 `signing-refused` when it will not sign (no certificate for the agency), 503 `signing-unavailable` when it does not answer in time (nothing is issued; try again). A PDF that cannot be rewritten to carry a signature is a 422 `result-not-signable`.',
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: IssueResultForm, description: 'The result PDF and what it is.' })
  @ApiCreatedResponse({ type: ElectronicResultView, description: 'The result as issued; `Location` is the case\'s results.' })
  @ApiResponse({ ...UPLOAD_ANSWERS[0], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } } })
  @ApiResponse({ ...UPLOAD_ANSWERS[1], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } } })
  @ApiProblems(400, 401, 403, 404, 409, 413, 502, 503)
  async issue(
    @CurrentCaller() caller: Caller,
    @Param('dossierCode') code: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ElectronicResultView> {
    setAuditHints(response, { action: 'issue_result' });
    const { fields, file } = await this.upload(request, ['documentNumber', 'summary', 'action']);
    const input = (await createValidationPipe().transform(fields, { type: 'body', metatype: IssueResultFields })) as IssueResultFields;
    const content = { documentNumber: input.documentNumber, summary: input.summary };
    let view: ElectronicResultView;
    if (await this.results.hasRevokedOnly(code)) {
      view = await this.results.replace(caller, code, content, file);
    } else {
      const action: CaseActionRequest = { action: input.action ?? 'issue_result', result: { kind: 'electronic', ...content } } as CaseActionRequest;
      const { resultId } = await this.cases.act(caller, code, action, file);
      view = (await this.results.list(caller, code)).find((r) => r.id === resultId)!;
    }
    response.setHeader('Location', `/api/v1/cases/${encodeURIComponent(code)}/results`);
    return view;
  }

  @Get('cases/:dossierCode/results')
  @Access(WorkflowAccess.readCase)
  @ApiOperation({ summary: 'List a case\'s electronic results', description: 'Every electronic result issued for the dossier, oldest first, revoked ones included (at most one in force), for the officers who may read the case.' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: ElectronicResultListView, description: 'The results.' })
  @ApiProblems(401, 403, 404)
  async list(@CurrentCaller() caller: Caller, @Param('dossierCode') code: string): Promise<ElectronicResultListView> {
    return { items: await this.results.list(caller, code) };
  }

  @Post('cases/:dossierCode/results/:id/revocation')
  @Access(WorkflowAccess.manageResults)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an electronic result',
    description:
      'Thu hồi: by a leader or one-stop officer of the issuing (competent) agency or of the agency where the case ended, with the reason. The result stays verifiable, as revoked with the reason and, once issued, the replacement\'s code (`POST /cases/{dossierCode}/results` issues the corrected one). Announced as ElectronicResultRevoked: the applicant\'s store shows it revoked. 409 `result-already-revoked` for one revoked already.',
  })
  @ApiParam(CODE_PARAM)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ElectronicResultView, description: 'The result, revoked.' })
  @ApiProblems(400, 401, 403, 404, 409)
  revoke(@CurrentCaller() caller: Caller, @Param('dossierCode') code: string, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: RevokeResultRequest): Promise<ElectronicResultView> {
    return this.results.revoke(caller, code, id, body.reason);
  }

  @Get('results/verify')
  @Access(WorkflowAccess.verifyResults)
  @ApiOperation({
    summary: 'Verify an electronic result by its code',
    description:
      'Public, no sign-in: the code printed on the stamp (what its QR code opens). Answers whether it is genuine, issued by which agency, when, for which dossier and number, and whether it was revoked (with the reason and the replacement\'s code); the stored file\'s signature is checked again on each call. An unknown code is a 404 `result-not-found`. To check a copy someone handed you is the same file, upload it to `POST /results/verify`.',
  })
  @ApiOkResponse({ type: ResultVerificationView, description: 'The verdict.' })
  @ApiProblems(400, 404)
  verifyByCode(@Query() query: VerifyResultQuery): Promise<ResultVerificationView> {
    return this.results.verifyCode(query.code);
  }

  @Post('results/verify')
  @Access(WorkflowAccess.verifyResults)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify an electronic result by its file',
    description: [
      'Public, no sign-in: upload the PDF (`multipart/form-data`, field `file`). Its last signature is checked as an independent verifier would (its byte ranges cover the whole file but the signature, their SHA-256 is the signed digest, the signature verifies with the signer\'s certificate, and that certificate was issued by a trusted authority, `SIGNING_TRUSTED_CA_FILE`, and valid when it signed), and the file is looked up by its SHA-256 among the results issued.',
      '`genuine` is true only for a file this system issued, unchanged since: a copy with a single byte changed, a file signed elsewhere or not signed at all is answered `genuine: false`, `status: not_genuine`, with the reason in `problem` and nothing of any result. A revoked result is genuine, with `status: revoked`.',
    ].join('\n\n'),
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: VerifyResultForm, description: 'The PDF to verify.' })
  @ApiOkResponse({ type: ResultVerificationView, description: 'The verdict.' })
  @ApiResponse({ ...UPLOAD_ANSWERS[0], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } } })
  @ApiResponse({ ...UPLOAD_ANSWERS[1], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } } })
  @ApiProblems(400, 413)
  async verifyByFile(@Req() request: Request): Promise<ResultVerificationView> {
    const { file } = await this.upload(request, []);
    return this.results.verifyFile(file.pdf);
  }
}
