import { Body, Controller, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems, FeedEndpoint, type FeedPage, FeedQuery, ProblemException, procedureCodeParam } from '@onestop/platform';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { UpsertProcedureRequest } from '../procedures/procedure.dto.js';
import { ProcedureChangeResult, ProcedureVersionView } from '../procedures/procedure.views.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { CatalogAccess } from '../access-policy.js';

/** Endpoints for the National Public Service Portal's sync jobs. */
@ApiTags('sync')
@Controller('sync/procedures')
export class ProcedureSyncController {
  constructor(private readonly procedures: ProceduresService) {}

  @FeedEndpoint(
    {
      summary: 'Read the procedures feed',
      description:
        'Every version of every procedure (published, amended, abolished) in a durable order: read from the beginning (no cursor) and keep `nextCursor` to resume; each version comes exactly once, in any page size, even while decisions are being published. For an API key with `sync:read` (the national portal) and admins.',
    },
    ProcedureVersionView,
    'Versions after the cursor, oldest first.',
  )
  @Access(CatalogAccess.readProcedureFeed)
  async feed(@Query() query: FeedQuery): Promise<FeedPage<ProcedureVersionView>> {
    return this.procedures.feed(query);
  }

  @Put(':code')
  @Access(CatalogAccess.pushProcedure)
  @ApiOperation({
    summary: 'Upsert a procedure from the national database',
    description:
      'Idempotent: an unknown code is published (201), a changed one amended (200), an identical one (compared with the latest version) left alone (200, outcome unchanged, no new version and no event). Safe to retry, also concurrently: retries of one code are compared and written one after another, so they make one version and one event. For an API key with `sync:write` (the national portal) and admins.',
  })
  @ApiParam(procedureCodeParam())
  @ApiOkResponse({ type: ProcedureChangeResult, description: 'What the upsert did and the current version.' })
  @ApiProblems(400, 401, 403, 409, 422)
  async upsert(@Param('code') code: string, @Body() request: UpsertProcedureRequest, @Res({ passthrough: true }) res: Response): Promise<ProcedureChangeResult> {
    if (!PROCEDURE_CODE_PATTERN.test(code)) {
      throw ProblemException.badRequest('validation-failed', 'code must look like 1.003560', [{ field: 'code', reason: 'must look like 1.003560 (national code, optional local suffix)' }]);
    }
    const result = await this.procedures.upsert(code, request.decision, request.procedure);
    res.status(result.outcome === 'published' ? 201 : 200);
    return result;
  }
}
