import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@onestop/platform';
import { PortalAccess } from '../access-policy.js';
import { RepushDayRequest, SimulatedCallsQuery } from './operators.dto.js';
import { OperatorsService } from './operators.service.js';
import { DossierSyncView, RepushView, SimulatedCallsView, SyncSummaryView } from './operators.views.js';

const CODE_PARAM = { name: 'code', example: '000.00.01.H56-260316-0001', description: 'Dossier code.' };

/** Operators of the national portal connector: what was pushed, what waits, what failed and why; re-pushes. */
@ApiTags('national-portal')
@Controller('national-portal')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get('pushes')
  @Access(PortalAccess.readPushes)
  @ApiOperation({
    summary: 'Read the state of the pushes to the national portal and EMC',
    description: 'In total: pushes pending, parked (failed) and sent per target, the oldest pending, how many dossiers the portal has taken of those received, and the most recent parked pushes with the portal\'s message. For admins and viewers.',
  })
  @ApiOkResponse({ type: SyncSummaryView, description: 'The totals.' })
  @ApiProblems(401, 403)
  summary(): Promise<SyncSummaryView> {
    return this.operators.summary();
  }

  @Get('dossiers/:code')
  @Access(PortalAccess.readPushes)
  @ApiOperation({
    summary: 'Read what the national portal was told of a dossier',
    description: 'The state last pushed (national status), when the portal first took the dossier, and every push in the order it is sent, pending, parked (with the portal\'s message) or sent. 404 `dossier-not-pushed` when nothing of it was queued. For admins and viewers.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: DossierSyncView, description: 'The dossier\'s pushes.' })
  @ApiProblems(401, 403, 404)
  dossier(@Param('code') code: string): Promise<DossierSyncView> {
    return this.operators.dossier(code);
  }

  @Post('dossiers/:code/re-push')
  @HttpCode(200)
  @Access(PortalAccess.repush)
  @ApiOperation({
    summary: 'Push a dossier to the national portal again',
    description: 'Its parked pushes go back in the queue, and its record is pushed once more as it is now, after everything queued of it. A dossier received before the connector was on gets its first push. 404 `dossier-not-found` for a dossier intake does not have; 409 `national-portal-off` with the connector off. For admins.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: RepushView, description: 'What was queued.' })
  @ApiProblems(401, 403, 404, 409)
  repushDossier(@Param('code') code: string): Promise<RepushView> {
    return this.operators.repushDossier(code);
  }

  @Post('re-pushes')
  @HttpCode(200)
  @Access(PortalAccess.repush)
  @ApiOperation({
    summary: 'Push every dossier received on a day again',
    description: 'As the re-push of one dossier, for each dossier received on that local day (Asia/Ho_Chi_Minh). 409 `national-portal-off` with the connector off. For admins.',
  })
  @ApiOkResponse({ type: RepushView, description: 'What was queued.' })
  @ApiProblems(400, 401, 403, 409)
  repushDay(@Body() request: RepushDayRequest): Promise<RepushView> {
    return this.operators.repushDay(request.date);
  }

  @Get('simulated-calls')
  @Access(PortalAccess.readSimulatedCalls)
  @ApiOperation({
    summary: 'Read what the simulated portal and EMC received',
    description: 'Development (`npm start` runs the simulated portal): each call in the portal\'s own field names and the answer given, newest first. 404 `portal-not-simulated` when neither is simulated. For admins: the calls hold applicants\' data.',
  })
  @ApiOkResponse({ type: SimulatedCallsView, description: 'The calls.' })
  @ApiProblems(400, 401, 403, 404)
  simulatedCalls(@Query() query: SimulatedCallsQuery): Promise<SimulatedCallsView> {
    return this.operators.simulatedCalls(query.dossierCode);
  }
}
