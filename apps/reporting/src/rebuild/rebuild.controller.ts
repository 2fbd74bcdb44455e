import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, type Caller, CurrentCaller, ProblemException } from '@onestop/platform';
import { RebuildRunView } from './rebuild.dto.js';
import { RebuildService } from './rebuild.service.js';
import { ReportingAccess } from '../access-policy.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/rebuild')
export class RebuildController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post()
  @Access(ReportingAccess.manageReporting)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild reporting\'s tables from the events',
    description:
      'Empties the tables reporting fills from events (dossier and complaint facts, their roll-ups, its copy of the catalog, its inbox) and replays every event of catalog, intake, workflow and postal from the start, each service\'s `GET /internal/events` in order, through the same handlers as live delivery. The services keep their outbox rows forever (no pruning), which makes this possible. It runs in the background: follow it with `GET /reports/rebuild`; reports show partial figures until it succeeds. Targets and index weights are kept. Also `npm run reporting:rebuild`.',
  })
  @ApiAcceptedResponse({ type: RebuildRunView, description: 'Started.' })
  @ApiProblems(401, 403, 409)
  start(@CurrentCaller() caller: Caller): Promise<RebuildRunView> {
    return this.rebuilds.start(caller);
  }

  @Get()
  @Access(ReportingAccess.manageReporting)
  @ApiOperation({ summary: 'The latest rebuild', description: 'Its status and the events replayed so far per service.' })
  @ApiOkResponse({ type: RebuildRunView })
  @ApiProblems(401, 403, 404)
  async latest(): Promise<RebuildRunView> {
    const run = await this.rebuilds.view();
    if (!run) throw ProblemException.notFound('no-rebuild', 'No rebuild has run yet.');
    return run;
  }
}
