import { Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { ClientsModule } from '../clients/clients.module.js';
import { OfficersModule } from '../officers/officers.module.js';
import { RESULT_SIGNER_PROVIDER, TRUSTED_AUTHORITIES_PROVIDER } from './result-signer.provider.js';
import { ResultsRepository } from './results.repository.js';
import { ResultsService } from './results.service.js';

/** Electronic results as the cases' actions issue them: signed through the signing adapter, recorded, verified. */
@Module({
  imports: [CaseRecordsModule, ClientsModule, OfficersModule],
  providers: [ResultsService, ResultsRepository, RESULT_SIGNER_PROVIDER, TRUSTED_AUTHORITIES_PROVIDER],
  exports: [ResultsService],
})
export class ResultRecordsModule {}
