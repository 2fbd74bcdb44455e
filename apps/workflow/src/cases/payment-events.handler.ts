import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, FeePaidV1, PaymentRequestedV1 } from '@onestop/domain';
import { HandleEvent, vietnameseMoney } from '@onestop/platform';
import { CasesService } from './cases.service.js';

/**
 * Payment's news of a dossier's fees: a fee assessed during processing stops the case's clock
 * (national status 6, "payment of fees requested") as a supplement request does, and its payment
 * starts it again, the due date moved out by the working time waited. Bills asked at reception
 * (the procedure's own fees) and duplicate payments leave the case alone.
 */
@Injectable()
export class PaymentEventsHandler {
  constructor(private readonly cases: CasesService) {}

  @HandleEvent({ type: 'PaymentRequested', versions: [1] })
  async onPaymentRequested(event: EventEnvelope<'PaymentRequested', PaymentRequestedV1>, manager: EntityManager): Promise<void> {
    const requested = event.payload;
    if (!requested.stopsClock) return;
    const note = `${requested.reason ?? 'Phí, lệ phí'} (${vietnameseMoney(requested.amountVnd)})`;
    await this.cases.applySystemAction(manager, requested.dossierCode, 'request_payment', new Date(requested.requestedAt), note);
  }

  @HandleEvent({ type: 'FeePaid', versions: [1] })
  async onFeePaid(event: EventEnvelope<'FeePaid', FeePaidV1>, manager: EntityManager): Promise<void> {
    const paid = event.payload;
    if (!paid.resumesClock || paid.duplicate) return;
    await this.cases.applySystemAction(manager, paid.dossierCode, 'payment_received', new Date(paid.paidAt), paid.receipt ? `Biên lai ${paid.receipt.number}` : null);
  }
}
