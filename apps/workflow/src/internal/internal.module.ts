import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { InternalFormsDataController } from './forms-data.controller.js';
import { InternalWithdrawalController } from './withdrawal.controller.js';

/** What intake asks with the service credential: a withdrawal decided, a case's forms data. */
@Module({
  imports: [CasesModule, FormsModule],
  controllers: [InternalWithdrawalController, InternalFormsDataController],
})
export class InternalModule {}
