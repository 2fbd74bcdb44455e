import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, ProblemException, Roles } from '@onestop/platform';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { UpsertProcedureRequest } from '../procedures/procedure.dto.js';
import { ProcedureChangeResult } from '../procedures/procedure.views.js';
import { ProceduresService } from '../procedures/procedures.service.js';

/** Endpoints for the National Public Service Portal's sync jobs. */
@ApiTags('sync')
@Controller('sync/procedures')
export class ProcedureSyncController {
  constructor(private readonly procedures: ProceduresService) {}

  @Put(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Upsert a procedure from the national database',
    description:
      'Idempotent: an unknown code is published (201), a changed one amended (200), an identical one left alone (200, outcome unchanged, no new version and no event). Safe to retry.',
  })
  @ApiParam({ name: 'code', example: '1.003560' })
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
