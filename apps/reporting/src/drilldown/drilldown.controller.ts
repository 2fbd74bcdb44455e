import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page } from '@onestop/platform';
import { ReportingAccess } from '../access-policy.js';
import { BalanceDrilldownQuery, DrilldownDossier, IndicatorsDrilldownQuery, ServiceIndexDrilldownQuery } from './drilldown.dto.js';
import { DrilldownService } from './drilldown.service.js';

const COMMON =
  'The dossiers one figure counts: the same period, scope and access as the report (a caller whose token names agencies sees only their dossiers, as in the report), and the column. Each figure of the report carries the link to its list (`links`); the list is exactly as long as the figure, because both are read from the same facts: the figure sums the roll-ups, which are the sums of each dossier\'s contributions, and the list selects the dossiers whose contributions fall in the cell. Newest first by the instant that puts a dossier in the column (received, closed, result ready, rated; for dossiers open at a date, received), cursor paged. Each item says why it is there (`reason`), with the working minutes it was late or is overdue by and the time it has been waiting for a supplement since.';

function DrilldownEndpoint(summary: string, description: string) {
  return applyDecorators(
    Access(ReportingAccess.readReports),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `${description}\n\n${COMMON}` }),
    ApiPageResponse(DrilldownDossier, 'A page of the dossiers the figure counts.'),
    ApiProblems(400, 401, 403),
  );
}

@ApiTags('reports')
@Controller('reports')
export class DrilldownController {
  constructor(private readonly drilldown: DrilldownService) {}

  @Get('dossier-balance/dossiers')
  @DrilldownEndpoint('The dossiers behind a figure of form II.06a', 'E.g. `?period=2025&agency=000.17.22.H56&column=finishedLate`: the dossiers the agency finished late in 2025.')
  balance(@CurrentCaller() caller: Caller, @Query() query: BalanceDrilldownQuery): Promise<Page<DrilldownDossier>> {
    return this.drilldown.list(caller, 'dossier-balance', query);
  }

  @Get('indicators/dossiers')
  @DrilldownEndpoint('The dossiers behind a count of the indicators', 'E.g. `?period=2025-Q2&column=handledOnTheSpot`: the "4 tại chỗ" dossiers finished the day they were received.')
  indicators(@CurrentCaller() caller: Caller, @Query() query: IndicatorsDrilldownQuery): Promise<Page<DrilldownDossier>> {
    return this.drilldown.list(caller, 'indicators', query);
  }

  @Get('service-index/dossiers')
  @DrilldownEndpoint(
    'The dossiers behind a figure of the service index',
    'The progress component\'s denominator (`judged`: finished in the period or open at its end) and numerator (`onTimeOrWithinTime`), the satisfaction component\'s overdue share (`lateOrOverdue`), and the dossiers and results behind the online and digitisation components.',
  )
  serviceIndex(@CurrentCaller() caller: Caller, @Query() query: ServiceIndexDrilldownQuery): Promise<Page<DrilldownDossier>> {
    return this.drilldown.list(caller, 'service-index', query);
  }
}
