import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DossierStatusHandler } from './dossier-status.handler.js';

/** The dossier's status and progress as workflow's events tell them. */
@Module({
  imports: [DossiersModule],
  providers: [DossierStatusHandler],
})
export class StatusModule {}
