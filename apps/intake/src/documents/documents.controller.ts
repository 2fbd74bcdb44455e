import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, ApiPageResponse, ApiProblems, attachmentDisposition, type AuthenticatedRequest, type Caller, CallerResolver, CurrentCaller, dossierCodeParam, type Page, Problem, PROBLEM_CONTENT_TYPE } from '@onestop/platform';
import { DocumentListQuery, DocumentSecretQuery, UploadDocumentForm } from './document.dto.js';
import { DOCUMENT_MEDIA_TYPES, UploadedDocumentView } from './document.views.js';
import { type DocumentReader, DocumentsService } from './documents.service.js';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { applicantProof, LookupCodeQuery } from '../lookup/lookup-code.js';
import { IntakeAccess } from '../access-policy.js';

const CODE_PARAM = dossierCodeParam();
const ID_PARAM = { name: 'id', format: 'uuid', description: 'Document id, from the upload or the list.' };
/** Who may read, said once for both reading operations. */
const WHO_READS =
  'For the applicant and the officers of the receiving or competent agency (signed in; 404 for anyone else), and, without signing in, for whoever holds the dossier\'s lookup code from the receipt, sent as `secret` (as at `/lookup`): so an applicant who submitted at the counter or by post gets their files (without the names of the officers who uploaded them). A wrong lookup code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit, as at `/lookup` (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401.';
const BINARY = { schema: { type: 'string', format: 'binary' } };

@ApiTags('dossiers')
@ApiExtraModels(Problem)
@Controller('dossiers/:code/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly callers: CallerResolver,
  ) {}

  /** The signed-in caller (the roles guard has checked a token that is sent) and the lookup code. */
  private async reader(request: Request, secret: string | undefined): Promise<DocumentReader> {
    return { caller: secret === undefined ? await this.callers.resolve(request) : undefined, secret };
  }

  @Post()
  @Access(IntakeAccess.answerForApplicant)
  @ApiOperation({
    summary: 'Upload a document file to a dossier',
    description: [
      'By the applicant, or a reception officer of the receiving agency on their behalf, signed in; or, without signing in and while a supplement is requested (409 `supplement-not-requested` otherwise), by whoever holds the dossier\'s lookup code from the receipt, sent as `secret`, to upload the files a supplement names (`POST /dossiers/{code}/supplements?secret=`): an applicant who submitted at the counter or by post has no account. A wrong lookup code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401. `multipart/form-data` with the file in the field `file` and, optionally, `requirement` (which document of the procedure\'s list it is, 1-based) and `title`.',
      'PDF, JPEG and PNG are accepted, told by the file\'s first bytes rather than its name or declared type: anything else is a 415 `unsupported-file-type`. A file larger than `DOCUMENT_MAX_BYTES` (20 MiB by default) is a 413 `file-too-large`, checked while it streams in. A dossier holds at most `DOCUMENT_MAX_FILES` (50) files (409 `too-many-documents`) and takes none once closed (refused, withdrawn, stopped, returned: 409 `dossier-closed`).',
      'The whole file is then checked, as it streams in, to be what its first bytes claim, and refused with a 422 whose `errors` name the field `file` and the reason: `file-content-mismatch` when it is not a well-formed file of its type (a JPEG: its segments, a frame, a scan and the end-of-image marker; a PNG: its header chunk first, every chunk\'s CRC, image data and the end chunk last with nothing after it; a PDF: a `%PDF-1.x` header, every stream as long as its `/Length`, `startxref` pointing at the cross-reference table or stream, `%%EOF` at the end with only white space after it, a catalog and a page), or when the file name\'s extension names another type (`x.html` holding a PDF; a name without an extension is given its type\'s); `active-content-refused` for a PDF with JavaScript (`/JS`, `/JavaScript`, so also `/OpenAction` and `/AA` actions that run it), `/Launch`, `/SubmitForm`, `/ImportData`, `/GoToE` or `/Rendition` actions, embedded files, rich media, an XFA form, or encryption; names are read with their `#xx` escapes decoded and compressed object streams are inflated to be read too (one in another encoding than FlateDecode is refused). Nothing of a refused file is kept.',
      'The SHA-256 of the bytes is kept and answered. The file and its record are kept together or not at all.',
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentForm, description: 'The file and what it is.' })
  @ApiCreatedResponse({ type: UploadedDocumentView, description: 'The document as recorded; `Location` is where to download it.' })
  @ApiResponse({
    status: 415,
    description: 'The body is not `multipart/form-data` (`unsupported-media-type`), or the file is not a PDF, JPEG or PNG (`unsupported-file-type`).',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
  })
  @ApiResponse({
    status: 422,
    description:
      'The file is not the well-formed file its first bytes claim, or its name\'s extension names another type (`file-content-mismatch`); a PDF with active content (`active-content-refused`); an unknown `requirement` (`unknown-document`).',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 503)
  @ApiLookupAttemptsLimited()
  async upload(
    @Param('code') code: string,
    @Query() query: LookupCodeQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UploadedDocumentView> {
    const document = await this.documents.upload(applicantProof(request, query.secret), code, request);
    response.setHeader('Location', `/api/v1/dossiers/${encodeURIComponent(document.dossierCode)}/documents/${document.id}`);
    return document;
  }

  @Get()
  @Access(IntakeAccess.readDossierFiles)
  @ApiOperation({ summary: 'List a dossier\'s document files', description: `Oldest first. ${WHO_READS}` })
  @ApiParam(CODE_PARAM)
  @ApiPageResponse(UploadedDocumentView, 'A page of documents.')
  @ApiProblems(400, 401, 403, 404)
  @ApiLookupAttemptsLimited()
  async list(@Param('code') code: string, @Query() query: DocumentListQuery, @Req() request: Request): Promise<Page<UploadedDocumentView>> {
    return this.documents.list(await this.reader(request, query.secret), code, query);
  }

  @Get(':id')
  @Access(IntakeAccess.readDossierFiles)
  @ApiOperation({
    summary: 'Download a document file',
    description: [
      'The bytes as uploaded, with their media type and length, `Content-Disposition: attachment` with the file name (`filename*` keeps Vietnamese names intact), and the SHA-256 as `ETag` and `Repr-Digest`; `If-None-Match` with that ETag answers 304.',
      WHO_READS,
    ].join('\n\n'),
  })
  @ApiParam(CODE_PARAM)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({
    description: 'The file.',
    content: Object.fromEntries(DOCUMENT_MEDIA_TYPES.map((type) => [type, BINARY])),
    headers: {
      'Content-Disposition': { description: 'attachment; filename="Don de nghi.pdf"; filename*=UTF-8\'\'%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf', schema: { type: 'string' } },
      ETag: { description: 'The SHA-256 of the bytes, hex, quoted.', schema: { type: 'string' } },
      'Repr-Digest': { description: 'RFC 9530: `sha-256=:<base64>:`.', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: `If-None-Match` names the current ETag.' })
  @ApiProblems(400, 401, 403, 404)
  @ApiLookupAttemptsLimited()
  async download(
    @Param('code') code: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: DocumentSecretQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    const record = await this.documents.describe(await this.reader(request, query.secret), code, id);
    const document = record.view;
    const etag = `"${document.sha256}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
      response.status(304);
      return undefined;
    }
    const content = await this.documents.content(record);
    const digest = Buffer.from(document.sha256, 'hex').toString('base64');
    response.setHeader('Repr-Digest', `sha-256=:${digest}:`);
    response.setHeader('Digest', `SHA-256=${digest}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content, { type: document.mediaType, length: document.size, disposition: attachmentDisposition(document.fileName) });
  }

  @Delete(':id')
  @Access(IntakeAccess.actForApplicant)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document file', description: 'Only by whoever uploaded it (403 `not-the-uploader`), while the dossier is open (409 `dossier-closed`).' })
  @ApiParam(CODE_PARAM)
  @ApiParam(ID_PARAM)
  @ApiNoContentResponse({ description: 'Deleted, file and record.' })
  @ApiProblems(400, 401, 403, 404, 409)
  async remove(@CurrentCaller() caller: Caller, @Param('code') code: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.documents.remove(caller, code, id);
  }
}
