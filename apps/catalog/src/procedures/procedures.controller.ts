import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Page, PageQuery, procedureCodeParam } from '@onestop/platform';
import { AbolishProcedureRequest, AmendProcedureRequest, ProcedureQuery, PublishProcedureRequest, VersionAtQuery } from './procedure.dto.js';
import { ProcedureSummary, ProcedureVersionView } from './procedure.views.js';
import { ProceduresService } from './procedures.service.js';
import { ImportProceduresRequest, ImportProceduresResult, MAX_IMPORT_ITEMS } from './procedure-import.dto.js';
import { ProcedureImportService } from './procedure-import.service.js';
import { CatalogAccess } from '../access-policy.js';

const CODE_PARAM = procedureCodeParam();

@ApiTags('procedures')
@Controller('procedures')
export class ProceduresController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly imports: ProcedureImportService,
  ) {}

  @Get()
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({
    summary: 'Search and browse procedures',
    description:
      'Procedures by code, filtered by words of the name (with or without Vietnamese diacritics), field, level, agency, online level and flags. Each item is the version in force today: an amendment or abolition decided for a later date shows from that date (within a minute of midnight, Vietnam time), and `abolishedFrom` announces a decided abolition; a procedure announced for a later date is `upcoming` until then. Answers carry an ETag; send If-None-Match to get 304 when nothing changed.',
  })
  @ApiPageResponse(ProcedureSummary, 'A page of procedures.')
  @ApiProblems(400)
  search(@Query() query: ProcedureQuery): Promise<Page<ProcedureSummary>> {
    return this.procedures.search(query);
  }

  @Get(':code')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({
    summary: 'Read a procedure as in force on a date',
    description: 'The version in force on `at` (today when omitted). `acceptsDossiers` is false once the procedure is abolished.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: ProcedureVersionView, description: 'The version in force.' })
  @ApiProblems(400, 404)
  get(@Param('code') code: string, @Query() query: VersionAtQuery): Promise<ProcedureVersionView> {
    return this.procedures.versionInForce(code, query.at);
  }

  @Get(':code/versions')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'List every version of a procedure', description: 'Oldest first, a page at a time (`limit`, `cursor`); every version stays readable.' })
  @ApiParam(CODE_PARAM)
  @ApiPageResponse(ProcedureVersionView, 'A page of the versions.')
  @ApiProblems(400, 404)
  versions(@Param('code') code: string, @Query() query: PageQuery): Promise<Page<ProcedureVersionView>> {
    return this.procedures.listVersions(code, query);
  }

  @Get(':code/versions/:versionNo')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'Read one version of a procedure', description: 'A version by its number (1 is the first published), whether or not it is still in force; every version stays readable. 404 `procedure-not-found` or `procedure-version-not-found`.' })
  @ApiParam(CODE_PARAM)
  @ApiParam({ name: 'versionNo', example: 1 })
  @ApiOkResponse({ type: ProcedureVersionView, description: 'The version.' })
  @ApiProblems(400, 404)
  version(@Param('code') code: string, @Param('versionNo', ParseIntPipe) versionNo: number): Promise<ProcedureVersionView> {
    return this.procedures.version(code, versionNo);
  }

  @Post()
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Publish (announce) a procedure', description: 'Admin only. Version 1, from the decision\'s effective date (`upcoming` in search until then); emits ProcedurePublished when recorded.' })
  @ApiCreatedResponse({ type: ProcedureVersionView, description: 'The first version.' })
  @ApiProblems(400, 401, 403, 409, 422)
  publish(@Body() request: PublishProcedureRequest): Promise<ProcedureVersionView> {
    return this.procedures.publish(request.code, request.decision, request.procedure);
  }

  @Post(':code/amendments')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({
    summary: 'Amend a procedure',
    description: 'Admin only. A new version with the whole amended content, from the decision\'s effective date; the decision may not predate the latest version. Emits ProcedureAmended when recorded (with the effective date). Search and browse show the new version from its effective date, the version in force until then. Reception reads a procedure in force at most 30 s old, so a version in force at once applies to dossiers received from then on.',
  })
  @ApiParam(CODE_PARAM)
  @ApiCreatedResponse({ type: ProcedureVersionView, description: 'The new version.' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  amend(@Param('code') code: string, @Body() request: AmendProcedureRequest): Promise<ProcedureVersionView> {
    return this.procedures.amend(code, request.decision, request.procedure);
  }

  @Post(':code/abolition')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Abolish a procedure', description: 'Admin only. No dossier is accepted from the decision\'s effective date (reception reads a procedure at most 30 s old); until then the procedure stays active in search, with `abolishedFrom` set. No change may follow an abolition. Emits ProcedureAbolished when recorded (with the effective date).' })
  @ApiParam(CODE_PARAM)
  @ApiCreatedResponse({ type: ProcedureVersionView, description: 'The abolishing version.' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  abolish(@Param('code') code: string, @Body() request: AbolishProcedureRequest): Promise<ProcedureVersionView> {
    return this.procedures.abolish(code, request.decision);
  }

  @Post('imports')
  @Access(CatalogAccess.manageCatalog)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import procedures in bulk',
    description:
      `Admin only. Up to ${MAX_IMPORT_ITEMS.toLocaleString('en')} items, a whole province's catalog (about 2,000 procedures) in one file; the body may be up to the catalog's BODY_LIMIT_BYTES (16 MiB under npm start and docker compose), larger is a 413. Upserts each item like PUT /sync/procedures/{code}: unknown codes are published, changed ones amended, identical ones left alone with no event. Items are independent: one refused item does not stop the others.`,
  })
  @ApiOkResponse({ type: ImportProceduresResult, description: 'The outcome of each item, in order.' })
  @ApiProblems(400, 401, 403, 413)
  import(@Body() request: ImportProceduresRequest): Promise<ImportProceduresResult> {
    return this.imports.import(request.items);
  }
}
