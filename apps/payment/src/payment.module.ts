import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { PaymentConfig } from './config.js';
import { PAYMENT_MIGRATIONS } from './migrations/index.js';

/** Fees and online payment: fee assessments, payment requests through the national payment platform (PayGov) behind an adapter, signed callbacks, polling, electronic receipts, refunds and reconciliation. */
@Module({
  imports: [PlatformModule.forService({ service: 'payment', config: PaymentConfig, entities: [], migrations: PAYMENT_MIGRATIONS })],
  controllers: [],
  providers: [],
})
export class PaymentModule {}
