import { Module } from '@nestjs/common';
import { OnlineServicesModule } from '../online-services/online-services.module.js';
import { TargetsModule } from '../targets/targets.module.js';
import { ReportBasicsModule } from './report-basics.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Form II.06a, the indicators, the service index and targets against actuals. */
@Module({
  imports: [ReportBasicsModule, OnlineServicesModule, TargetsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
