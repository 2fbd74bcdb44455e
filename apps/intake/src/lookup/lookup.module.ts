import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { LookupController } from './lookup.controller.js';
import { LookupService } from './lookup.service.js';

/** The public lookup by dossier code and lookup code. */
@Module({
  imports: [DossiersModule, ClientsModule],
  controllers: [LookupController],
  providers: [LookupService],
})
export class LookupModule {}
