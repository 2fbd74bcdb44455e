import 'reflect-metadata';
import { bootstrapService } from '@onestop/platform';
import { PaymentModule } from './payment.module.js';

await bootstrapService(PaymentModule, 'payment');
