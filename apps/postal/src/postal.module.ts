import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformModule } from '@onestop/platform';
import { PostalConfig } from './config.js';
import { POSTAL_MIGRATIONS } from './migrations/index.js';
import { Shipment } from './shipments/shipment.entity.js';
import { ShipmentsController } from './shipments/shipments.controller.js';
import { ShipmentsService } from './shipments/shipments.service.js';
import { ShipmentMoves } from './shipments/shipment-moves.service.js';
import { ShipmentsRepository } from './shipments/shipments.repository.js';
import { ShipmentEventsRepository } from './shipments/shipment-events.repository.js';
import { SimulatedCarrierOrdersRepository } from './carriers/simulated-carrier-orders.repository.js';
import { PickupsService } from './pickups/pickups.service.js';
import { ResultDeliveryHandler } from './results/result-delivery.handler.js';
import { PersonalDataErasedHandler } from './shipments/personal-data-erased.handler.js';
import { CARRIER_PROVIDER } from './carriers/carrier.provider.js';
import { SimulatedCarrier } from './carriers/simulated-carrier.js';
import { SimulatedCarrierController } from './carriers/simulated-carrier.controller.js';
import { CarrierCallbacksController } from './carriers/carrier-callbacks.controller.js';
import { CarrierSignatureGuard } from './carriers/carrier-signature.guard.js';
import { CarrierOrders } from './carriers/carrier-orders.service.js';
import { CarrierReports } from './carriers/carrier-reports.service.js';
import { IntakeClient } from './clients/intake.client.js';
import { CatalogClient } from './clients/catalog.client.js';
import { InternalTrackingController } from './internal/tracking.controller.js';
import { SimulatedParcelsController } from './carriers/simulated-parcels.controller.js';

/** Public-postal shipments: dossier pickup and result delivery, carrier adapters, tracking. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'postal', config: PostalConfig, entities: [Shipment], migrations: POSTAL_MIGRATIONS }),
    TypeOrmModule.forFeature([Shipment]),
  ],
  controllers: [ShipmentsController, SimulatedParcelsController, CarrierCallbacksController, InternalTrackingController, SimulatedCarrierController],
  providers: [
    ShipmentsService,
    ShipmentsRepository,
    ShipmentEventsRepository,
    ShipmentMoves,
    PickupsService,
    ResultDeliveryHandler,
    PersonalDataErasedHandler,
    SimulatedCarrier,
    SimulatedCarrierOrdersRepository,
    CARRIER_PROVIDER,
    CarrierSignatureGuard,
    CarrierOrders,
    CarrierReports,
    IntakeClient,
    CatalogClient,
  ],
})
export class PostalModule {}
