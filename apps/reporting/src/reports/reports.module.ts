import { Module } from '@nestjs/common';
import { OnlineServicesModule } from '../online-services/online-services.module.js';
import { TargetsModule } from '../targets/targets.module.js';
import { ReportBasicsModule } from './report-basics.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { DocumentStoreFacts } from '../facts/document-store-facts.js';
import { PaymentFacts } from '../facts/payment-facts.js';
import { PortalSyncFacts } from '../facts/portal-sync-facts.js';

/** Form II.06a, the indicators, the service index and targets against actuals. */
@Module({
  imports: [ReportBasicsModule, OnlineServicesModule, TargetsModule],
  controllers: [ReportsController],
  // DocumentStoreFacts also takes intake's document-store events (its @HandleEvent methods).
  // PaymentFacts takes payment's events (bills asked, fees paid and refunded).
  // PortalSyncFacts takes the national portal connector's DossierSynchronised.
  providers: [ReportsService, DocumentStoreFacts, PaymentFacts, PortalSyncFacts],
  exports: [ReportsService],
})
export class ReportsModule {}
