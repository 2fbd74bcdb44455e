import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { InternalResultsController } from './internal-results.controller.js';
import { ResultRecordsModule } from './result-records.module.js';
import { ResultsController } from './results.controller.js';

/** The results' endpoints: issue with an attached PDF, list, revoke, verify; and intake's reads. */
@Module({
  imports: [CasesModule, ResultRecordsModule],
  controllers: [ResultsController, InternalResultsController],
})
export class ResultsModule {}
