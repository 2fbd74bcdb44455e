import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DossierReceptionController } from './dossier-reception.controller.js';
import { PostalDeliveryController } from './postal-delivery.controller.js';
import { PayerController } from './payer.controller.js';
import { NationalRecordController } from './national-record.controller.js';
import { PortalDocumentsController } from './portal-documents.controller.js';
import { NotificationContactController } from './notification-contact.controller.js';
import { ComplaintsRepository } from '../complaints/complaints.repository.js';

/** What the other services ask intake with the service credential. */
@Module({
  imports: [DossiersModule],
  controllers: [PostalDeliveryController, DossierReceptionController, PayerController, NationalRecordController, PortalDocumentsController, NotificationContactController],
  providers: [ComplaintsRepository],
})
export class InternalModule {}
