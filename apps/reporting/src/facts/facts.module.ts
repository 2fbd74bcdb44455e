import { Module } from '@nestjs/common';
import { DossierFactsService } from './dossier-facts.service.js';

/** Facts per dossier and per complaint from intake's, workflow's and postal's events, and their roll-ups. */
@Module({
  providers: [DossierFactsService],
})
export class FactsModule {}
