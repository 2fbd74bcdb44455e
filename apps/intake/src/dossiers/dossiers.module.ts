import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogClient } from '../catalog/catalog.client.js';
import { WorkingCalendarClient } from '@onestop/platform';
import { ApplicantActionsService } from './applicant-actions.service.js';
import { Dossier } from './dossier.entity.js';
import { DossiersController } from './dossiers.controller.js';
import { DossiersService } from './dossiers.service.js';
import { ReceptionService } from './reception.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { WorkflowClient } from '../clients/workflow.client.js';
import { LookupAttempts } from '../lookup/lookup-attempts.js';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier])],
  controllers: [DossiersController],
  providers: [CatalogClient, WorkingCalendarClient, ReceptionService, DossiersService, ApplicantActionsService, ReceiptsService, WorkflowClient, LookupAttempts],
  exports: [CatalogClient, DossiersService, ReceiptsService, ReceptionService, TypeOrmModule, LookupAttempts],
})
export class DossiersModule {}
