import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DocumentStoreController } from './document-store.controller.js';
import { ResultEventsHandler } from './result-events.handler.js';

/** The applicant's document store, and the download of their electronic result. */
@Module({
  imports: [DossiersModule, ClientsModule],
  controllers: [DocumentStoreController],
  providers: [ResultEventsHandler],
})
export class DocumentStoreModule {}
