import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { PortalConfig } from './config.js';
import { PORTAL_MIGRATIONS } from './migrations/index.js';
import { MONITORING_SYSTEM_PROVIDER, NATIONAL_PORTAL_PROVIDER } from './adapters/adapters.provider.js';
import { SimulatedMonitoringSystem, SimulatedNationalPortal } from './adapters/simulated-national-portal.js';
import { SimulatedPortalRepository } from './adapters/simulated-portal.repository.js';
import { SimulatedPortalController } from './adapters/simulated-portal.controller.js';
import { IntakeClient } from './clients/intake.client.js';
import { CatalogClient } from './clients/catalog.client.js';
import { PushesRepository } from './pushes/pushes.repository.js';
import { PushEventsHandler } from './pushes/push-events.handler.js';
import { PushSender } from './pushes/push-sender.service.js';
import { OperatorsController } from './operators/operators.controller.js';
import { OperatorsService } from './operators/operators.service.js';
import { InboundController } from './inbound/inbound.controller.js';
import { InboundService } from './inbound/inbound.service.js';

/** The National Public Service Portal connector (Cổng Dịch vụ công quốc gia): pushes dossiers and their progress in the portal's own format, takes the portal's dossiers, reports to the ministry's monitoring system (EMC). */
@Module({
  imports: [PlatformModule.forService({ service: 'portal', config: PortalConfig, entities: [], migrations: PORTAL_MIGRATIONS })],
  controllers: [OperatorsController, InboundController, SimulatedPortalController],
  providers: [
    SimulatedPortalRepository,
    SimulatedNationalPortal,
    SimulatedMonitoringSystem,
    NATIONAL_PORTAL_PROVIDER,
    MONITORING_SYSTEM_PROVIDER,
    IntakeClient,
    CatalogClient,
    PushesRepository,
    PushEventsHandler,
    PushSender,
    OperatorsService,
    InboundService,
  ],
})
export class PortalModule {}
