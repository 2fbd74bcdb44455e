import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type DossierFeeLine, type FeePaidV1, type PaymentChannel, type PaymentMethod } from '@onestop/domain';
import { ProblemException, writeEvent } from '@onestop/platform';
import { AccountsRepository, type Bill } from '../accounts/accounts.repository.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import type { Receipt } from '../receipts/receipts.repository.js';
import { type Payment, PaymentsRepository, type Refund } from './payments.repository.js';

/** A payment someone reports for a bill: the platform (callback or poll) or an officer. */
export interface ReportedPayment {
  channel: PaymentChannel;
  method: PaymentMethod;
  amountVnd: bigint;
  paidAt: Date;
  /** The platform's attempt (MaThamChieu) and transaction (MaGiaoDich), for online payments. */
  reference?: string;
  transactionId?: string;
  bankCode?: string;
  counterReceiptNumber?: string;
  recordedBy: string;
  source: Payment['source'];
  /** The payer's name on the receipt. */
  payerName: string;
}

export type Settlement =
  /** The bill is paid by it: a receipt issued, FeePaid announced. */
  | { outcome: 'paid'; payment: Payment; receipt: Receipt }
  /** The same transaction reported again: nothing changed. */
  | { outcome: 'already_recorded'; payment: Payment }
  /** The bill was paid (or cancelled) already: recorded as a duplicate and refunded at once. */
  | { outcome: 'refunded'; payment: Payment; refund: Refund };

/**
 * The one place a payment is applied to a bill, under the bill's row lock so two payments of one
 * bill (two tabs, a callback racing the counter) are told apart: the first pays it, with its
 * receipt numbered in the same transaction; a repeat of the same platform transaction changes
 * nothing; any other platform payment of a bill already paid or cancelled is kept as a duplicate
 * and refunded automatically (FeePaid with `duplicate`, then FeeRefunded), so it shows and is
 * returned. At the counter the bill must still be open (409 otherwise): no money is taken.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly payments: PaymentsRepository,
    private readonly receipts: ReceiptsService,
  ) {}

  async settle(manager: EntityManager, billId: string, reported: ReportedPayment, now: Date): Promise<Settlement> {
    const bill = (await this.accounts.bill(billId, manager, true))!;
    if (reported.transactionId) {
      const known = await this.payments.byTransaction(reported.method, reported.transactionId, manager);
      if (known) return { outcome: 'already_recorded', payment: known };
    }
    if (reported.source === 'officer' && bill.status !== 'open') {
      // Money at the counter is taken only for an open bill: the officer hands it back on the spot.
      throw ProblemException.conflict('bill-not-open', `The bill is ${bill.status} already: take no payment for it.`, { billStatus: bill.status });
    }
    if (reported.reference) await this.payments.settleAttempt(reported.reference, 'paid', now, manager);
    const payment: Payment = {
      id: randomUUID(),
      billId: bill.id,
      dossierCode: bill.dossierCode,
      agencyCode: bill.agencyCode,
      amountVnd: reported.amountVnd,
      channel: reported.channel,
      method: reported.method,
      reference: reported.reference ?? null,
      transactionId: reported.transactionId ?? null,
      bankCode: reported.bankCode ?? null,
      counterReceiptNumber: reported.counterReceiptNumber ?? null,
      paidAt: reported.paidAt,
      recordedAt: now,
      recordedBy: reported.recordedBy,
      source: reported.source,
      duplicate: bill.status !== 'open',
    };
    await this.payments.insertPayment(payment, manager);
    if (payment.duplicate) return { outcome: 'refunded', payment, refund: await this.refundDuplicate(manager, bill, payment, now) };
    await this.accounts.markPaid(bill.id, reported.paidAt, manager);
    const lines = (await this.accounts.billLines(bill.id, manager)).map((line): DossierFeeLine => ({ code: line.code, name: line.name, kind: line.kind, amountVnd: Number(line.amountVnd), due: line.due }));
    const receipt = await this.receipts.issue(manager, payment, lines, reported.payerName, now);
    await writeEvent(manager, 'FeePaid', feePaid(bill, payment, receipt));
    return { outcome: 'paid', payment, receipt };
  }

  /** Records a refund of a payment (by an officer, or automatic) and announces it. */
  async refund(manager: EntityManager, payment: Payment, reason: string, by: string, automatic: boolean, now: Date): Promise<Refund> {
    const refund: Refund = { id: randomUUID(), paymentId: payment.id, dossierCode: payment.dossierCode, amountVnd: payment.amountVnd, reason, refundedAt: now, refundedBy: by, automatic };
    await this.payments.insertRefund(refund, manager);
    await writeEvent(manager, 'FeeRefunded', {
      dossierCode: payment.dossierCode,
      agencyCode: payment.agencyCode,
      paymentId: payment.id,
      refundId: refund.id,
      amountVnd: Number(refund.amountVnd),
      channel: payment.channel,
      reason,
      refundedAt: now.toISOString(),
      refundedBy: by,
      automatic,
    });
    return refund;
  }

  private async refundDuplicate(manager: EntityManager, bill: Bill, payment: Payment, now: Date): Promise<Refund> {
    await writeEvent(manager, 'FeePaid', feePaid(bill, payment, null));
    const reason = bill.status === 'paid' ? 'Khoản thanh toán thứ hai của một hóa đơn đã thanh toán: hoàn trả tự động' : 'Thanh toán cho hóa đơn đã hủy: hoàn trả tự động';
    return this.refund(manager, payment, reason, 'system', true, now);
  }
}

/** FeePaid of a payment: with its receipt when it paid the bill; without, a duplicate refunded at once. */
function feePaid(bill: Bill, payment: Payment, receipt: Receipt | null): FeePaidV1 {
  return {
    dossierCode: bill.dossierCode,
    agencyCode: bill.agencyCode,
    billId: bill.id,
    paymentId: payment.id,
    amountVnd: Number(payment.amountVnd),
    channel: payment.channel,
    method: payment.method,
    paidAt: payment.paidAt.toISOString(),
    receipt: receipt ? { id: receipt.id, number: receipt.number } : null,
    resumesClock: receipt !== null && bill.stopsClock,
    duplicate: receipt === null,
  };
}
