import { Injectable } from '@nestjs/common';
import { type PaymentMethod, toLocalIsoDate } from '@onestop/domain';
import { admitted, type AuthenticatedRequest, type Caller, Clock, OutboxService, ProblemException } from '@onestop/platform';
import { PaymentAccess } from '../access-policy.js';
import { AccountsRepository, type DossierAccount } from '../accounts/accounts.repository.js';
import { IntakeClient } from '../clients/intake.client.js';
import { ReceiptsRepository } from '../receipts/receipts.repository.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { PaymentPlatform, PlatformUnavailableError } from '../platform/payment-platform.js';
import { billView, type DossierFeesView, type FeeReceiptView, paymentView, type PaymentView, receiptView, refundView, type RefundView } from './payment.views.js';
import { PaymentsRepository } from './payments.repository.js';
import { SettlementService } from './settlement.service.js';

/** Who reads a dossier's fees: the lookup code, or the caller the guard let through (maybe nobody). */
export interface FeesReader {
  request: AuthenticatedRequest;
  secret?: string;
}

export interface ReconciliationDifference {
  kind: 'platform_only' | 'recorded_only' | 'amount_differs';
  reference: string | null;
  transactionId: string | null;
  platformAmountVnd: number | null;
  recordedAmountVnd: number | null;
  dossierCode: string | null;
}

/**
 * A dossier's fees as people see them, and what officers do with them: payments at the counter
 * or to the postal worker, refunds and voids; the receipts; the reconciliation with the platform.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly accounts: AccountsRepository,
    private readonly payments: PaymentsRepository,
    private readonly receiptsRepo: ReceiptsRepository,
    private readonly receipts: ReceiptsService,
    private readonly settlement: SettlementService,
    private readonly intake: IntakeClient,
    private readonly platform: PaymentPlatform,
    private readonly clock: Clock,
  ) {}

  /**
   * The dossier's account if the reader may see it: with the lookup code (intake checks it and
   * counts wrong ones); signed in, an officer of its agencies, the postal operator or an admin,
   * or whoever intake lets read the dossier (its applicant). Anyone else: 404, as for no dossier.
   */
  async readable(reader: FeesReader, dossierCode: string): Promise<DossierAccount> {
    const notFound = () => ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode} that you may see.`);
    if (reader.secret !== undefined) {
      if (!(await this.intake.opensWithCode(dossierCode, reader.secret))) throw notFound();
      const account = await this.accounts.find(dossierCode);
      if (!account) throw notFound();
      return account;
    }
    const caller = admitted(PaymentAccess.readDossierFees, reader.request.caller);
    const account = await this.accounts.find(dossierCode);
    if (!account) throw notFound();
    if (PaymentAccess.readDossierFees.seesAll(caller, account)) return account;
    const authorization = reader.request.headers.authorization;
    if (caller.roles.includes('citizen') && authorization && (await this.intake.readableBy(dossierCode, authorization))) return account;
    throw notFound();
  }

  /** An account an officer acts on under `rule`, else 404 (an agency's officers see only its dossiers). */
  async actedOn(caller: Caller, dossierCode: string, allows: (caller: Caller, account: DossierAccount) => boolean): Promise<DossierAccount> {
    const account = await this.accounts.find(dossierCode);
    if (!account || !allows(caller, account)) throw ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode} that you may act on.`);
    return account;
  }

  async view(account: DossierAccount): Promise<DossierFeesView> {
    const [lines, bills, payments, refunds, receipts] = await Promise.all([
      this.accounts.lines(account.dossierCode),
      this.accounts.bills(account.dossierCode),
      this.payments.ofDossier(account.dossierCode),
      this.payments.refundsOf(account.dossierCode),
      this.receiptsRepo.ofDossier(account.dossierCode),
    ]);
    const attempts = await this.payments.attemptsOf(bills.map((b) => b.id));
    const refundOf = new Map(refunds.map((r) => [r.paymentId, r]));
    const receiptOf = new Map(receipts.map((r) => [r.paymentId, r]));
    const paid = payments.filter((p) => !refundOf.has(p.id)).reduce((sum, p) => sum + p.amountVnd, 0n);
    const outstanding = bills.filter((b) => b.status === 'open').reduce((sum, b) => sum + b.amountVnd, 0n);
    return {
      dossierCode: account.dossierCode,
      procedureCode: account.procedureCode,
      procedureName: account.procedureName,
      outstandingVnd: Number(outstanding),
      paidVnd: Number(paid),
      lines: lines.map((line) => ({ code: line.code, name: line.name, kind: line.kind, amountVnd: Number(line.amountVnd), due: line.due, source: line.source, billId: line.billId })),
      bills: bills.map((bill) => billView(bill, lines, attempts)),
      payments: payments.map((p) => paymentView(p, receiptOf.get(p.id), refundOf.get(p.id))),
    };
  }

  /** A payment at the counter or to the postal worker, with the number of the slip they gave. */
  async recordCounterPayment(caller: Caller, account: DossierAccount, input: { billId?: string; method: Exclude<PaymentMethod, 'paygov'>; amountVnd: number; receiptNumber: string }): Promise<PaymentView> {
    const now = this.clock.now();
    const bill = input.billId ? await this.accounts.bill(input.billId) : await this.accounts.openBill(account.dossierCode);
    if (!bill || bill.dossierCode !== account.dossierCode) {
      throw input.billId ? ProblemException.notFound('bill-not-found', `The dossier has no bill ${input.billId}.`) : ProblemException.conflict('nothing-to-pay', 'The dossier has no unpaid bill.');
    }
    if (BigInt(input.amountVnd) !== bill.amountVnd) {
      throw ProblemException.unprocessable('amount-mismatch', `The bill is ${bill.amountVnd} VND, not ${input.amountVnd}.`, [{ field: 'amountVnd', reason: `must be the bill's amount, ${bill.amountVnd}` }]);
    }
    const payer = await this.intake.payer(account.dossierCode);
    const settled = await this.outbox.transaction(({ manager }) =>
      this.settlement.settle(
        manager,
        bill.id,
        {
          channel: caller.roles.includes('postal') ? 'postal' : 'counter',
          method: input.method,
          amountVnd: bill.amountVnd,
          paidAt: now,
          counterReceiptNumber: input.receiptNumber,
          recordedBy: caller.subject,
          source: 'officer',
          payerName: payer?.name ?? '',
        },
        now,
      ),
    );
    return this.paymentViewOf(settled.payment.id);
  }

  /** Refunds a paid fee of a refused or withdrawn dossier (or any paid one an officer must return), with its reason. */
  async refund(caller: Caller, account: DossierAccount, paymentId: string, reason: string): Promise<RefundView> {
    const now = this.clock.now();
    const refund = await this.outbox.transaction(async ({ manager }) => {
      const payment = await this.payments.payment(paymentId, manager, true);
      if (!payment || payment.dossierCode !== account.dossierCode) throw ProblemException.notFound('payment-not-found', `The dossier has no payment ${paymentId}.`);
      if (await this.payments.refundOf(payment.id, manager)) throw ProblemException.conflict('already-refunded', 'The payment was refunded already.');
      return this.settlement.refund(manager, payment, reason, caller.subject, false, now);
    });
    return refundView(refund);
  }

  async receipt(id: string): Promise<{ view: FeeReceiptView; pdf: () => Promise<Buffer>; dossierCode: string }> {
    const receipt = await this.receiptsRepo.find(id);
    if (!receipt) throw ProblemException.notFound('receipt-not-found', `No receipt ${id} that you may see.`);
    const payment = (await this.payments.payment(receipt.paymentId))!;
    const refund = await this.payments.refundOf(payment.id);
    const account = (await this.accounts.find(receipt.dossierCode))!;
    return { view: receiptView(receipt, payment, refund), pdf: () => this.receipts.pdf(receipt, payment, refund, account.procedureName), dossierCode: receipt.dossierCode };
  }

  /** Voids a receipt (a wrong one, a payment annulled): kept and shown as voided, never deleted. */
  async voidReceipt(caller: Caller, id: string, reason: string): Promise<FeeReceiptView> {
    const now = this.clock.now();
    await this.outbox.transaction(async ({ manager }) => {
      const receipt = await this.receiptsRepo.find(id, manager, true);
      const account = receipt ? await this.accounts.find(receipt.dossierCode, manager) : undefined;
      if (!receipt || !account || !PaymentAccess.refund.allows(caller, account)) throw ProblemException.notFound('receipt-not-found', `No receipt ${id} that you may act on.`);
      if (receipt.voidedAt) throw ProblemException.conflict('receipt-voided', 'The receipt was voided already.');
      await this.receiptsRepo.void(id, now, caller.subject, reason, manager);
    });
    return (await this.receipt(id)).view;
  }

  /**
   * One day (Vietnam's) of one agency (or all): what the platform says it settled against the
   * online payments we recorded, matched by MaThamChieu and MaGiaoDich, with each difference.
   */
  async reconcile(day: string, agencyCode: string | undefined) {
    let settled;
    try {
      settled = await this.platform.settlements(day);
    } catch (error) {
      if (error instanceof PlatformUnavailableError) throw ProblemException.serviceUnavailable('payment-platform-unavailable', 'The national payment platform could not answer; try again shortly.');
      throw error;
    }
    const recorded = (await this.payments.ofDay(day, agencyCode)).filter((p) => p.method === 'paygov');
    // The platform's rows of our agency: matched to our attempts (a row of another agency's bill is left out).
    const attempts = new Map((await this.payments.byReferences(settled.map((s) => s.reference))).map((p) => [p.transactionId, p]));
    const ours = settled.filter((s) => {
      const payment = attempts.get(s.transactionId);
      return !agencyCode || !payment || payment.agencyCode === agencyCode;
    });
    const recordedBy = new Map(recorded.map((p) => [p.transactionId, p]));
    const differences: ReconciliationDifference[] = [];
    for (const row of ours) {
      const payment = recordedBy.get(row.transactionId) ?? attempts.get(row.transactionId);
      if (!payment) differences.push({ kind: 'platform_only', reference: row.reference, transactionId: row.transactionId, platformAmountVnd: Number(row.amountVnd), recordedAmountVnd: null, dossierCode: null });
      else if (payment.amountVnd !== row.amountVnd) {
        differences.push({ kind: 'amount_differs', reference: row.reference, transactionId: row.transactionId, platformAmountVnd: Number(row.amountVnd), recordedAmountVnd: Number(payment.amountVnd), dossierCode: payment.dossierCode });
      }
    }
    const platformIds = new Set(ours.map((s) => s.transactionId));
    for (const payment of recorded) {
      if (!platformIds.has(payment.transactionId ?? '')) {
        differences.push({ kind: 'recorded_only', reference: payment.reference, transactionId: payment.transactionId, platformAmountVnd: null, recordedAmountVnd: Number(payment.amountVnd), dossierCode: payment.dossierCode });
      }
    }
    const sum = (values: bigint[]) => Number(values.reduce((a, b) => a + b, 0n));
    return {
      date: day,
      agencyCode: agencyCode ?? null,
      platform: { count: ours.length, amountVnd: sum(ours.map((s) => s.amountVnd)) },
      recorded: { count: recorded.length, amountVnd: sum(recorded.map((p) => p.amountVnd)) },
      differences,
    };
  }

  /** For the national portal's connector (DanhSachLePhi): each fee line with how it was paid. */
  async internalFees(dossierCode: string) {
    const account = await this.accounts.find(dossierCode);
    if (!account) throw ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode}.`);
    const [lines, bills, payments, refunds] = await Promise.all([
      this.accounts.lines(dossierCode),
      this.accounts.bills(dossierCode),
      this.payments.ofDossier(dossierCode),
      this.payments.refundsOf(dossierCode),
    ]);
    const refunded = new Set(refunds.map((r) => r.paymentId));
    return {
      dossierCode,
      lines: lines.map((line) => {
        const bill = bills.find((b) => b.id === line.billId);
        const payment = payments.find((p) => p.billId === line.billId && !p.duplicate);
        return {
          code: line.code,
          name: line.name,
          kind: line.kind,
          amountVnd: Number(line.amountVnd),
          due: line.due,
          status: !bill ? 'free' : bill.status === 'paid' ? (payment && refunded.has(payment.id) ? 'refunded' : 'paid') : bill.status,
          paidAt: payment ? payment.paidAt.toISOString() : null,
          channel: payment?.channel ?? null,
          method: payment?.method ?? null,
        };
      }),
    };
  }

  /** Today in Vietnam, the reconciliation's default day. */
  today(): string {
    return toLocalIsoDate(this.clock.now());
  }

  private async paymentViewOf(id: string): Promise<PaymentView> {
    const payment = (await this.payments.payment(id))!;
    return paymentView(payment, await this.receiptsRepo.ofPayment(id), await this.payments.refundOf(id));
  }
}
