import { Module } from '@nestjs/common';
import { FormAgencies, PlatformModule } from '@onestop/platform';
import { PaymentConfig } from './config.js';
import { PAYMENT_MIGRATIONS } from './migrations/index.js';
import { AccountsRepository } from './accounts/accounts.repository.js';
import { FeesService } from './accounts/fees.service.js';
import { DossierEventsHandler } from './accounts/dossier-events.handler.js';
import { CatalogClient } from './clients/catalog.client.js';
import { IntakeClient } from './clients/intake.client.js';
import { InternalFeesController } from './internal/fees.controller.js';
import { OnlinePaymentsService } from './payments/online-payments.service.js';
import { PaymentsController } from './payments/payments.controller.js';
import { PaymentsRepository } from './payments/payments.repository.js';
import { PaymentsService } from './payments/payments.service.js';
import { PlatformCallbacksController } from './payments/platform-callbacks.controller.js';
import { PaygovSignatureGuard } from './payments/paygov-signature.guard.js';
import { SettlementService } from './payments/settlement.service.js';
import { PAYMENT_PLATFORM_PROVIDER } from './platform/payment-platform.provider.js';
import { SimulatedPaymentPageController, SimulatedPlatformController } from './platform/simulated-platform.controller.js';
import { SimulatedPlatform } from './platform/simulated-platform.js';
import { ReceiptsController } from './receipts/receipts.controller.js';
import { ReceiptsRepository } from './receipts/receipts.repository.js';
import { ReceiptsService } from './receipts/receipts.service.js';

/** Fees and online payment: fee assessments, payment requests through the national payment platform (PayGov) behind an adapter, signed callbacks, polling, electronic receipts, refunds and reconciliation. */
@Module({
  imports: [PlatformModule.forService({ service: 'payment', config: PaymentConfig, entities: [], migrations: PAYMENT_MIGRATIONS })],
  controllers: [PaymentsController, ReceiptsController, PlatformCallbacksController, SimulatedPaymentPageController, SimulatedPlatformController, InternalFeesController],
  providers: [
    AccountsRepository,
    PaymentsRepository,
    ReceiptsRepository,
    FeesService,
    DossierEventsHandler,
    SettlementService,
    PaygovSignatureGuard,
    OnlinePaymentsService,
    PaymentsService,
    ReceiptsService,
    SimulatedPlatform,
    PAYMENT_PLATFORM_PROVIDER,
    CatalogClient,
    IntakeClient,
    FormAgencies,
  ],
})
export class PaymentModule {}
