import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { ReceiptsController } from '../receipts/receipts.controller.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';
import { FormsController } from './forms.controller.js';
import { FormsService } from './forms.service.js';

/** The dossier's official forms (01 to 06), the receipt (form 01) among them. */
@Module({
  imports: [DossiersModule, ReceiptsModule, ClientsModule],
  controllers: [ReceiptsController, FormsController],
  providers: [FormsService],
})
export class FormsModule {}
