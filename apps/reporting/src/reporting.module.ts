import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { ReportingConfig } from './config.js';
import { ComplaintsReportModule } from './complaints/complaints-report.module.js';
import { DrilldownModule } from './drilldown/drilldown.module.js';
import { FactsModule } from './facts/facts.module.js';
import { LatenessCausesModule } from './lateness-causes/lateness-causes.module.js';
import { REPORTING_MIGRATIONS } from './migrations/index.js';
import { OnlineServicesModule } from './online-services/online-services.module.js';
import { OpenStatisticsModule } from './open-statistics/open-statistics.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { TargetsModule } from './targets/targets.module.js';

/** Facts fed by events, and the reports leaders read. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'reporting', config: ReportingConfig, entities: [], migrations: REPORTING_MIGRATIONS }),
    FactsModule,
    OnlineServicesModule,
    ReportsModule,
    DrilldownModule,
    OpenStatisticsModule,
    ComplaintsReportModule,
    LatenessCausesModule,
    TargetsModule,
    RebuildModule,
  ],
})
export class ReportingModule {}
