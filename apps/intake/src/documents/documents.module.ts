import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

/** A dossier's uploaded documents. */
@Module({
  imports: [DossiersModule, ClientsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
