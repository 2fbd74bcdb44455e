import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DossierSyncController } from './dossier-sync.controller.js';

/** The national portal's progress feed and dossier push. */
@Module({
  imports: [DossiersModule],
  controllers: [DossierSyncController],
})
export class SyncModule {}
