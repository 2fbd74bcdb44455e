import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { InternalFormsDataController } from './forms-data.controller.js';
import { InternalWithdrawalController } from './withdrawal.controller.js';
import { InternalNoticeRecipientsController } from './notice-recipients.controller.js';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { OfficersModule } from '../officers/officers.module.js';

/** What other services ask with the service credential: intake a withdrawal decided and a case's forms data, notification whom a case's notices go to. */
@Module({
  imports: [CasesModule, FormsModule, CaseRecordsModule, OfficersModule],
  controllers: [InternalWithdrawalController, InternalFormsDataController, InternalNoticeRecipientsController],
})
export class InternalModule {}
