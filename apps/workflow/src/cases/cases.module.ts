import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { ControlSheetModule } from '../control-sheet/control-sheet.module.js';
import { OfficersModule } from '../officers/officers.module.js';
import { CaseRecordsModule } from './case-records.module.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { IntakeEventsHandler } from './intake-events.handler.js';
import { PaymentEventsHandler } from './payment-events.handler.js';
import { ResultRecordsModule } from '../results/result-records.module.js';

/** Processing cases: opened from intake's dossiers, moved by officers' actions. */
@Module({
  imports: [CaseRecordsModule, ClientsModule, OfficersModule, ControlSheetModule, ResultRecordsModule],
  controllers: [CasesController],
  providers: [CasesService, IntakeEventsHandler, PaymentEventsHandler],
  exports: [CasesService],
})
export class CasesModule {}
