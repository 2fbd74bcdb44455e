import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, ApiPageResponse, ApiProblems, type Caller, CallerResolver, CurrentCaller, dossierCodeParam, type Page, PageQuery, ProblemException } from '@onestop/platform';
import { IntakeAccess } from '../access-policy.js';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { DocumentSecretQuery } from '../documents/document.dto.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { WorkflowResultsClient } from '../clients/workflow-results.client.js';
import { DigitiseDocumentRequest } from './document-store.dto.js';
import { DocumentStoreService } from './document-store.service.js';
import { StoredDocumentView } from './document-store.views.js';
import { fileDownload } from './file-answer.js';

const CODE_PARAM = dossierCodeParam();
const ID_PARAM = { name: 'id', format: 'uuid', description: 'The stored document\'s id, from the store\'s list.' };
const FILE_ID_PARAM = { name: 'id', format: 'uuid', description: 'The dossier document\'s id, from `/dossiers/{code}/documents`.' };
const BINARY = { schema: { type: 'string', format: 'binary' } };
const FILE_TYPES = { 'application/pdf': BINARY, 'image/jpeg': BINARY, 'image/png': BINARY };
const STORE =
  'The applicant\'s document store (kho dữ liệu điện tử): the electronic results issued to them and the documents of their dossiers a reception officer digitised, each with its type, kept under the applicant\'s ID number. A new dossier reuses one (`documents[].storedDocumentId` at `POST /dossiers`) instead of handing it in again. Each file is kept once, by its SHA-256, however many dossiers reuse it.';

@ApiTags('document store')
@Controller()
export class DocumentStoreController {
  constructor(
    private readonly store: DocumentStoreService,
    private readonly dossiers: DossiersService,
    private readonly results: WorkflowResultsClient,
    private readonly callers: CallerResolver,
  ) {}

  @Get('stored-documents')
  @Access(IntakeAccess.readOwnStore)
  @ApiOperation({ summary: 'List my stored documents', description: `${STORE}\n\nFor the signed-in citizen: the store of every ID number they submitted a dossier under online, oldest first. Another applicant\'s documents are never listed.` })
  @ApiPageResponse(StoredDocumentView, 'A page of the store.')
  @ApiProblems(400, 401, 403)
  listOwn(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<StoredDocumentView>> {
    return this.store.listOwn(caller, query);
  }

  @Get('stored-documents/:id')
  @Access(IntakeAccess.readOwnStore)
  @ApiOperation({ summary: 'Download one of my stored documents', description: 'The bytes with their media type, file name and SHA-256 (`ETag`, `Repr-Digest`). 404 `stored-document-not-found` for a document not in the caller\'s store.' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ description: 'The file.', content: FILE_TYPES })
  @ApiProblems(400, 401, 403, 404)
  async downloadOwn(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const row = await this.store.own(caller, id);
    return fileDownload(response, { content: await this.store.content(row), mediaType: row.media_type, size: Number(row.size_bytes), fileName: row.file_name, sha256: row.sha256.trim() });
  }

  @Delete('stored-documents/:id')
  @Access(IntakeAccess.readOwnStore)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of my stored documents', description: 'From the store only: a dossier that reused it keeps its copy, and a result stays verifiable and downloadable from its dossier. 404 `stored-document-not-found` for a document not in the caller\'s store.' })
  @ApiParam(ID_PARAM)
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async removeOwn(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.store.remove(caller, id);
  }

  @Get('dossiers/:code/stored-documents')
  @Access(IntakeAccess.readApplicantStore)
  @ApiOperation({ summary: 'List the store of a dossier\'s applicant', description: `${STORE}\n\nFor the officers who may see the dossier (its receiving or competent agency): officers see an applicant\'s store only through a dossier they handle (404 for any other dossier).` })
  @ApiParam(CODE_PARAM)
  @ApiPageResponse(StoredDocumentView, 'A page of the applicant\'s store.')
  @ApiProblems(400, 401, 403, 404)
  listForDossier(@CurrentCaller() caller: Caller, @Param('code') code: string, @Query() query: PageQuery): Promise<Page<StoredDocumentView>> {
    return this.store.listForDossier(caller, code, query);
  }

  @Get('dossiers/:code/stored-documents/:id')
  @Access(IntakeAccess.readApplicantStore)
  @ApiOperation({ summary: 'Download a document of the store of a dossier\'s applicant', description: 'As the list: for the dossier\'s officers, a document of its applicant\'s store only.' })
  @ApiParam(CODE_PARAM)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ description: 'The file.', content: FILE_TYPES })
  @ApiProblems(400, 401, 403, 404)
  async downloadForDossier(@CurrentCaller() caller: Caller, @Param('code') code: string, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const row = await this.store.ofDossier(caller, code, id);
    return fileDownload(response, { content: await this.store.content(row), mediaType: row.media_type, size: Number(row.size_bytes), fileName: row.file_name, sha256: row.sha256.trim() });
  }

  @Post('dossiers/:code/documents/:id/digitisation')
  @Access(IntakeAccess.digitiseDocuments)
  @ApiOperation({
    summary: 'Mark a dossier document digitised, keeping it in the applicant\'s store',
    description:
      'Số hóa: a reception officer of the receiving agency, having scanned the document or checked the uploaded file against the original at the counter, marks it digitised (403 `document-not-digitisable` for anyone else). It joins the store of the applicant\'s ID number under its document type, for reuse in a later dossier, and is counted in the 766 index (documents digitised). Marking it again answers the same entry (200).',
  })
  @ApiParam(CODE_PARAM)
  @ApiParam(FILE_ID_PARAM)
  @ApiCreatedResponse({ type: StoredDocumentView, description: 'The document as the store keeps it.' })
  @ApiOkResponse({ type: StoredDocumentView, description: 'Digitised before: the same entry.' })
  @ApiProblems(400, 401, 403, 404)
  async digitise(@CurrentCaller() caller: Caller, @Param('code') code: string, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: DigitiseDocumentRequest, @Res({ passthrough: true }) response: Response): Promise<StoredDocumentView> {
    const { entry, created } = await this.store.digitise(caller, code, id, body.documentType);
    response.status(created ? 201 : 200);
    return entry;
  }

  @Get('dossiers/:code/result')
  @Access(IntakeAccess.readDossierFiles)
  @ApiOperation({
    summary: 'Download the dossier\'s electronic result',
    description:
      'The signed PDF of the result in force (PAdES, verifiable at `/results/verify`), for the applicant and the dossier\'s officers signed in, or for whoever holds the receipt\'s lookup code, sent as `secret` (an applicant who submitted at the counter or by post). 404 `result-not-found` while none is issued, or once it was revoked and not yet replaced. A wrong lookup code is a 404 and counts towards the dossier\'s lookup limit (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ description: 'The signed result.', content: { 'application/pdf': BINARY } })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiLookupAttemptsLimited()
  async downloadResult(@Param('code') code: string, @Query() query: DocumentSecretQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const reader = { caller: query.secret === undefined ? await this.callers.resolve(request) : undefined, secret: query.secret };
    const dossier = await this.dossiers.readableWithCodeOr(reader, code, IntakeAccess.readDossierFiles);
    const file = await this.results.inForce(dossier.code);
    if (!file) throw ProblemException.notFound('result-not-found', `Dossier ${code} has no electronic result in force.`);
    return fileDownload(response, { content: file.content, mediaType: 'application/pdf', size: file.content.length, fileName: `ket-qua-${dossier.code}.pdf`, sha256: file.sha256 });
  }
}

