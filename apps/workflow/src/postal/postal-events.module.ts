import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ShipmentEventsHandler } from './shipment-events.handler.js';

/** Postal's news of results sent by post. */
@Module({
  imports: [CasesModule],
  providers: [ShipmentEventsHandler],
})
export class PostalEventsModule {}
