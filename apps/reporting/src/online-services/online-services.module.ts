import { Module } from '@nestjs/common';
import { ReportBasicsModule } from '../reports/report-basics.module.js';
import { OnlineServicesController } from './online-services.controller.js';
import { OnlineServicesService } from './online-services.service.js';
import { ProcedureEventsHandler } from './procedure-events.handler.js';
import { ProcedureFactsRepository } from './procedure-facts.repository.js';
import { ProcedureVersionsRepository } from './procedure-versions.repository.js';

/** Reporting's copy of the catalog (from catalog's events) and the online-service statistics. */
@Module({
  imports: [ReportBasicsModule],
  controllers: [OnlineServicesController],
  providers: [OnlineServicesService, ProcedureEventsHandler, ProcedureFactsRepository, ProcedureVersionsRepository],
  exports: [OnlineServicesService, ProcedureFactsRepository],
})
export class OnlineServicesModule {}
