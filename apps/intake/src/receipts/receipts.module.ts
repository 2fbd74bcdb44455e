import { Module } from '@nestjs/common';
import { ReceiptsService } from './receipts.service.js';

/**
 * Form 01 and the counter's pre-check forms (02, 03) as data and PDF. The receipt's endpoint
 * reads the dossier's forms, so FormsModule serves it: here it would make the modules a cycle.
 */
@Module({
  providers: [ReceiptsService],
  exports: [ReceiptsService],
})
export class ReceiptsModule {}
