import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from '../clients/clients.module.js';
import { DossierFilesRepository } from '../documents/dossier-files.repository.js';
import { LookupAttempts } from '../lookup/lookup-attempts.js';
import { LookupAttemptsRepository } from '../lookup/lookup-attempts.repository.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';
import { ApplicantActionsService } from './applicant-actions.service.js';
import { Dossier } from './dossier.entity.js';
import { DossierHistoryRepository } from './dossier-history.repository.js';
import { DossierSequencesRepository } from './dossier-sequences.repository.js';
import { DossiersController } from './dossiers.controller.js';
import { DossiersRepository } from './dossiers.repository.js';
import { DossiersService } from './dossiers.service.js';
import { ReceptionService } from './reception.service.js';
import { SupplementsRepository } from './supplements.repository.js';
import { DocumentStoreService } from '../document-store/document-store.service.js';
import { StoredDocumentsRepository } from '../document-store/stored-documents.repository.js';

/**
 * Reception and the dossiers themselves, with the tables every feature reads them by: their
 * progress, their files and the lookup codes tried on them. A supplement names files and a
 * document upload needs its dossier, so the files' repository lives here rather than in a
 * documents module both would import.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Dossier]), ClientsModule, ReceiptsModule],
  controllers: [DossiersController],
  providers: [
    DossiersRepository,
    DossierHistoryRepository,
    DossierSequencesRepository,
    SupplementsRepository,
    DossierFilesRepository,
    LookupAttemptsRepository,
    LookupAttempts,
    ReceptionService,
    DossiersService,
    ApplicantActionsService,
    // The applicant's store: reception reuses its documents, so it is provided with the dossiers.
    StoredDocumentsRepository,
    DocumentStoreService,
  ],
  exports: [DossiersRepository, DossierHistoryRepository, DossierFilesRepository, LookupAttempts, DossiersService, ReceptionService, DocumentStoreService],
})
export class DossiersModule {}
