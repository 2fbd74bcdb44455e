import { Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { ClientsModule } from '../clients/clients.module.js';
import { ControlSheetModule } from '../control-sheet/control-sheet.module.js';
import { OfficersModule } from '../officers/officers.module.js';
import { CaseFormsService } from './case-forms.service.js';

/** The data of a case's official forms (02 to 06), which intake prints. */
@Module({
  imports: [CaseRecordsModule, ClientsModule, ControlSheetModule, OfficersModule],
  providers: [CaseFormsService],
  exports: [CaseFormsService],
})
export class FormsModule {}
