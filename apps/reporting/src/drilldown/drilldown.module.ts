import { Module } from '@nestjs/common';
import { OnlineServicesModule } from '../online-services/online-services.module.js';
import { ReportBasicsModule } from '../reports/report-basics.module.js';
import { DrilldownController } from './drilldown.controller.js';
import { DrilldownRepository } from './drilldown.repository.js';
import { DrilldownService } from './drilldown.service.js';

/** The dossiers behind each figure of the reports. */
@Module({
  imports: [ReportBasicsModule, OnlineServicesModule],
  controllers: [DrilldownController],
  providers: [DrilldownService, DrilldownRepository],
})
export class DrilldownModule {}
