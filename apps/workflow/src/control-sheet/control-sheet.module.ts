import { Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { ClientsModule } from '../clients/clients.module.js';
import { OfficersModule } from '../officers/officers.module.js';
import { ControlSheetService } from './control-sheet.service.js';

/** Form 06, the control sheet of a case. */
@Module({
  imports: [CaseRecordsModule, ClientsModule, OfficersModule],
  providers: [ControlSheetService],
  exports: [ControlSheetService],
})
export class ControlSheetModule {}
