import { Module } from '@nestjs/common';
import { ReportBasicsModule } from '../reports/report-basics.module.js';
import { OnlineServicesController } from './online-services.controller.js';
import { OnlineServicesService } from './online-services.service.js';

/** Reporting's copy of the catalog (from catalog's events) and the online-service statistics. */
@Module({
  imports: [ReportBasicsModule],
  controllers: [OnlineServicesController],
  providers: [OnlineServicesService],
  exports: [OnlineServicesService],
})
export class OnlineServicesModule {}
