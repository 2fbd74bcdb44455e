import { Module } from '@nestjs/common';
import { ComplaintFactsRepository } from './complaint-facts.repository.js';
import { DossierFactsHandler } from './dossier-facts.handler.js';
import { DossierFactsRepository } from './dossier-facts.repository.js';
import { DossierFactsService } from './dossier-facts.service.js';
import { RollupsRepository } from './rollups.repository.js';

/** Facts per dossier and per complaint from intake's, workflow's and postal's events, and their roll-ups. */
@Module({
  providers: [DossierFactsHandler, DossierFactsService, DossierFactsRepository, ComplaintFactsRepository, RollupsRepository],
})
export class FactsModule {}
