import { Module } from '@nestjs/common';
import { FormAgencies, PlatformModule } from '@onestop/platform';
import { IntakeConfig } from './config.js';
import { INTAKE_MIGRATIONS } from './migrations/index.js';
import { Dossier } from './dossiers/dossier.entity.js';
import { DossiersModule } from './dossiers/dossiers.module.js';
import { ReceiptsController } from './receipts/receipts.controller.js';
import { LookupController } from './lookup/lookup.controller.js';
import { LookupService } from './lookup/lookup.service.js';
import { ComplaintsController } from './complaints/complaints.controller.js';
import { ComplaintsService } from './complaints/complaints.service.js';
import { DossierSyncController } from './sync/dossier-sync.controller.js';
import { DossierStatusHandler } from './status/dossier-status.handler.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsService } from './documents/documents.service.js';
import { PostalDeliveryController } from './internal/postal-delivery.controller.js';
import { DossierReceptionController } from './internal/dossier-reception.controller.js';
import { PostalTrackingClient } from './lookup/postal-tracking.client.js';
import { FormsController } from './forms/forms.controller.js';
import { FormsService } from './forms/forms.service.js';
import { WorkflowFormsClient } from './forms/workflow-forms.client.js';

/** Dossier reception on every channel, receipts, supplements, withdrawal, lookup, complaints. */
@Module({
  imports: [PlatformModule.forService({ service: 'intake', config: IntakeConfig, entities: [Dossier], migrations: INTAKE_MIGRATIONS }), DossiersModule],
  controllers: [DossierSyncController, ReceiptsController, LookupController, ComplaintsController, DocumentsController, PostalDeliveryController, DossierReceptionController, FormsController],
  providers: [LookupService, ComplaintsService, DossierStatusHandler, DocumentsService, PostalTrackingClient, FormAgencies, FormsService, WorkflowFormsClient],
})
export class IntakeModule {}
