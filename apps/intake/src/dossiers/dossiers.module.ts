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

@Module({
  imports: [TypeOrmModule.forFeature([Dossier])],
  controllers: [DossiersController],
  providers: [CatalogClient, WorkingCalendarClient, ReceptionService, DossiersService, ApplicantActionsService, ReceiptsService, WorkflowClient],
  exports: [CatalogClient, DossiersService, ReceiptsService, ReceptionService, TypeOrmModule],
})
export class DossiersModule {}
