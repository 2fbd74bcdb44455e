import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, type Caller, CurrentCaller } from '@onestop/platform';
import { PutServiceIndexConfigRequest, PutTargetsRequest, ServiceIndexConfigView, TargetList, TargetsQuery } from './targets.dto.js';
import { TargetsService } from './targets.service.js';
import { ReportingAccess } from '../access-policy.js';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Access(ReportingAccess.readReports)
  @ApiOperation({
    summary: 'Targets as set',
    description:
      'The stored targets, per year and scope (an agency, or the whole province). A target holds from its year until a later year replaces it, and an agency\'s own target before the province\'s; `GET /reports/targets` shows the ones in force against actuals. Seeded with Hải Phòng\'s 2022 targets: 100% of eligible procedures at level 4, 80% of level 3-4 services with an online dossier, 60% of dossiers online.',
  })
  @ApiOkResponse({ type: TargetList })
  @ApiProblems(400, 401, 403)
  list(@Query() query: TargetsQuery): Promise<TargetList> {
    return this.targets.list(query);
  }

  @Put()
  @Access(ReportingAccess.manageReporting)
  @ApiOperation({ summary: 'Set targets for a year and scope', description: 'Sets each listed metric\'s target (a share, 0-1) for the year and scope; a null value removes it. Answers the targets of that year and scope.' })
  @ApiOkResponse({ type: TargetList })
  @ApiProblems(400, 401, 403)
  put(@CurrentCaller() caller: Caller, @Body() request: PutTargetsRequest): Promise<TargetList> {
    return this.targets.put(caller, request);
  }

  @Get('service-index')
  @Access(ReportingAccess.readReports)
  @ApiOperation({
    summary: 'Service index weights and thresholds',
    description:
      'The components of the Decision 766/QĐ-TTg service index as configured: points and the value that earns them all (points earned = points × min(1, value ÷ fullMarksAt)). Defaults: publicity 18, progress 20, online service 22 (procedures online 8, full marks at 80%; dossiers online 8, at 50%; online payment 6), digitisation 22 (electronic results 11 and documents 11, at 80%), satisfaction 18 (at 90%).',
  })
  @ApiOkResponse({ type: ServiceIndexConfigView })
  @ApiProblems(401, 403)
  indexConfig(): Promise<ServiceIndexConfigView> {
    return this.targets.indexConfigView();
  }

  @Put('service-index')
  @Access(ReportingAccess.manageReporting)
  @ApiOperation({ summary: 'Set the service index weights and thresholds', description: 'Every component once, the points adding up to 100.' })
  @ApiOkResponse({ type: ServiceIndexConfigView })
  @ApiProblems(400, 401, 403)
  putIndexConfig(@CurrentCaller() caller: Caller, @Body() request: PutServiceIndexConfigRequest): Promise<ServiceIndexConfigView> {
    return this.targets.putIndexConfig(caller, request);
  }
}
