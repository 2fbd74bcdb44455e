import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DossierReceptionController } from './dossier-reception.controller.js';
import { PostalDeliveryController } from './postal-delivery.controller.js';

/** What the other services ask intake with the service credential. */
@Module({
  imports: [DossiersModule],
  controllers: [PostalDeliveryController, DossierReceptionController],
})
export class InternalModule {}
