import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { DossierFeeLine } from '@onestop/domain';
import { Clock, OutboxService, PeriodicTask, ProblemException } from '@onestop/platform';
import { AccountsRepository, type Bill } from '../accounts/accounts.repository.js';
import { IntakeClient } from '../clients/intake.client.js';
import { PaymentConfig } from '../config.js';
import { attemptReference, maXacThuc, parseAmount, parsePaygovTime, PAYGOV_OK } from '../platform/paygov-messages.js';
import { PaymentPlatform, type PlatformResult, PlatformRefusedError, PlatformUnavailableError } from '../platform/payment-platform.js';
import { type PlatformAttempt, PaymentsRepository } from './payments.repository.js';
import { type Settlement, SettlementService } from './settlement.service.js';

const POLL_BATCH = 50;

/** Our answer to the platform (MaLoi, MoTaLoi): `00` taken; otherwise why not. */
export interface PlatformAnswer {
  MaLoi: string;
  MoTaLoi: string;
}

/** MaLoi we answer the platform with. */
export const ANSWER_CODES = {
  ok: '00',
  invalid: '01',
  unknownReference: '02',
  wrongAmount: '03',
  badMaXacThuc: '07',
} as const;

/** Why a result from the platform was not believed, as the callback's answer says it. */
export class RefusedResult extends Error {
  constructor(
    readonly status: 404 | 422,
    readonly problemCode: 'bill-not-found' | 'amount-mismatch',
    readonly answer: PlatformAnswer,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Online payment through the national payment platform: opening its payment page for a bill
 * (INIT), believing its results only when their MaXacThuc verifies and their amount and currency
 * are the bill's (callbacks, which may come twice, late, or before the applicant is back), the
 * polling that settles attempts whose callback never came, and the platform's bill query.
 */
@Injectable()
export class OnlinePaymentsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OnlinePayments');
  private readonly polling = new PeriodicTask('payment-poll', this.logger, () => this.pollUnsettled());

  constructor(
    private readonly outbox: OutboxService,
    private readonly accounts: AccountsRepository,
    private readonly payments: PaymentsRepository,
    private readonly settlement: SettlementService,
    private readonly platform: PaymentPlatform,
    private readonly intake: IntakeClient,
    private readonly clock: Clock,
    private readonly config: PaymentConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.polling.start(this.config.PAYMENT_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.polling.stop();
  }

  /**
   * The payment page of the dossier's open bill: the attempt still open if there is one (so a
   * second click does not open a second page), else a new attempt with its own MaThamChieu.
   */
  async start(dossierCode: string, ip: string): Promise<{ bill: Bill; attempt: PlatformAttempt }> {
    const now = this.clock.now();
    const bill = await this.accounts.openBill(dossierCode);
    if (!bill) throw ProblemException.conflict('nothing-to-pay', 'The dossier has no unpaid bill.');
    if (bill.expiresAt <= now) throw ProblemException.conflict('bill-expired', 'The bill lapsed unpaid; ask the agency to request the payment again.');
    const live = await this.payments.liveAttempt(bill.id, now);
    if (live) return { bill, attempt: live };
    const account = (await this.accounts.find(dossierCode))!;
    const payer = await this.intake.payer(dossierCode);
    if (!payer) throw ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode}.`);
    const number = await this.outbox.transaction(async ({ manager }) => {
      await this.accounts.bill(bill.id, manager, true);
      return this.accounts.nextAttempt(bill.id, manager);
    });
    const reference = attemptReference(bill.reference, number);
    const lines = await this.billLines(bill);
    let paymentUrl: string;
    try {
      ({ paymentUrl } = await this.platform.init({
        reference,
        amountVnd: bill.amountVnd,
        description: `Thanh toan phi, le phi ho so ${dossierCode}`,
        startedAt: now,
        ip,
        receipt: { procedureCode: account.procedureCode, agencyCode: bill.agencyCode, dossierCode, payerName: payer.name, payerIdNumber: payer.idNumber, lines },
      }));
    } catch (error) {
      if (error instanceof PlatformUnavailableError || error instanceof PlatformRefusedError) {
        this.logger.warn(`INIT of ${reference} failed: ${error.message}`);
        throw ProblemException.serviceUnavailable('payment-platform-unavailable', 'The national payment platform could not open a payment page; try again shortly.');
      }
      throw error;
    }
    const attempt: PlatformAttempt = {
      reference,
      billId: bill.id,
      startedAt: now,
      pageExpiresAt: new Date(now.getTime() + this.config.PAYMENT_PAGE_TTL_MINUTES * 60_000),
      paymentUrl,
      settledAt: null,
      outcome: null,
    };
    await this.payments.insertAttempt(attempt, new Date(now.getTime() + this.config.PAYMENT_POLL_STALE_MS));
    return { bill, attempt };
  }

  /**
   * A payment result the platform sent us. Believed only when its MaXacThuc verifies with the
   * shared key and, for a success, its amount and currency are the bill's; anything else is
   * refused and logged without the payer's data. A success already recorded is acknowledged
   * again without change; a failure closes the attempt (the applicant may start another).
   */
  async receiveResult(result: Record<string, unknown>, source: 'callback' | 'poll'): Promise<{ answer: PlatformAnswer; settlement?: Settlement }> {
    const now = this.clock.now();
    const reference = typeof result.MaThamChieu === 'string' ? result.MaThamChieu : null;
    const transactionId = typeof result.MaGiaoDich === 'string' ? result.MaGiaoDich : null;
    const amount = parseAmount(result.SoTien);
    const log = (outcome: string, detail: string | null = null) =>
      this.payments.logCallback({ at: now, source, reference, transactionId, amountVnd: amount ?? null, outcome, detail }).catch((error: unknown) => this.logger.error(`could not log a ${source}: ${String(error)}`));
    // A callback's MaXacThuc was verified at the door (PaygovSignatureGuard); a polled status is our own call's answer.
    if (result.MaDoiTac !== this.platform.partnerCode) {
      await log('refused', 'another partner code');
      throw new RefusedResult(422, 'amount-mismatch', { MaLoi: ANSWER_CODES.invalid, MoTaLoi: 'Sai mã đối tác' }, 'The result names another partner (MaDoiTac).');
    }
    const attempt = reference ? await this.payments.attempt(reference) : undefined;
    if (!attempt) {
      await log('refused', 'unknown reference');
      throw new RefusedResult(404, 'bill-not-found', { MaLoi: ANSWER_CODES.unknownReference, MoTaLoi: 'Không tìm thấy giao dịch' }, `No payment attempt ${reference ?? ''} here.`);
    }
    if (result.MaLoi !== PAYGOV_OK) {
      await this.outbox.transaction(({ manager }) => this.payments.settleAttempt(attempt.reference, 'failed', now, manager));
      await log('failed', `MaLoi ${String(result.MaLoi).slice(0, 10)}`);
      return { answer: { MaLoi: ANSWER_CODES.ok, MoTaLoi: 'Đã ghi nhận giao dịch không thành công' } };
    }
    const bill = (await this.accounts.bill(attempt.billId))!;
    if (amount === undefined || amount !== bill.amountVnd || result.MaTienTe !== 'VND' || !transactionId) {
      await log('refused', `amount ${amount ?? 'unreadable'} ${String(result.MaTienTe).slice(0, 5)} against the bill's ${bill.amountVnd} VND`);
      this.logger.warn(`refused a payment result for ${attempt.reference}: amount or currency is not the bill's`);
      throw new RefusedResult(422, 'amount-mismatch', { MaLoi: ANSWER_CODES.wrongAmount, MoTaLoi: 'Số tiền hoặc loại tiền không khớp hóa đơn' }, 'The amount or currency is not the bill\'s.');
    }
    const payer = await this.intake.payer(bill.dossierCode);
    const paidAt = parsePaygovTime(result.ThoiGianGD) ?? now;
    const settlement = await this.outbox.transaction(({ manager }) =>
      this.settlement.settle(
        manager,
        bill.id,
        {
          channel: 'online',
          method: 'paygov',
          amountVnd: amount,
          paidAt,
          reference: attempt.reference,
          transactionId,
          bankCode: typeof result.MaNganHang === 'string' ? result.MaNganHang.slice(0, 50) : undefined,
          recordedBy: this.platform.code,
          source,
          payerName: payer?.name ?? '',
        },
        now,
      ),
    );
    await log(settlement.outcome);
    return { answer: { MaLoi: ANSWER_CODES.ok, MoTaLoi: settlement.outcome === 'already_recorded' ? 'Giao dịch đã được ghi nhận trước đó' : 'Thành công' }, settlement };
  }

  /** The polling fallback: attempts without news for PAYMENT_POLL_STALE_MS are asked about. Returns how many were asked. */
  async pollUnsettled(): Promise<number> {
    const now = this.clock.now();
    const due = await this.payments.claimToPoll(now, this.config.PAYMENT_POLL_STALE_MS, new Date(now.getTime() - this.config.PAYMENT_POLL_GIVE_UP_HOURS * 3_600_000), POLL_BATCH);
    for (const attempt of due) {
      try {
        const status = await this.platform.status(attempt.reference, attempt.startedAt);
        if (status.state === 'paid') await this.receiveResult(status.result as unknown as Record<string, unknown>, 'poll');
        else if (status.state === 'failed' || (status.state !== 'pending' && attempt.pageExpiresAt.getTime() + this.config.PAYMENT_POLL_GIVE_UP_HOURS * 3_600_000 < now.getTime())) {
          await this.outbox.transaction(({ manager }) => this.payments.settleAttempt(attempt.reference, 'failed', now, manager));
        }
      } catch (error) {
        this.logger.warn(`polling ${attempt.reference}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return due.length;
  }

  /**
   * The platform asks for a dossier's bill (the payer came to the platform's own portal): the
   * open bill with a new attempt's MaThamChieu to pay under, signed with MaXacThuc.
   */
  async billQuery(query: Record<string, unknown>): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const sign = (answer: Record<string, unknown>) => ({ ...answer, MaXacThuc: maXacThuc('BILL_ANSWER', answer, this.platform.secretKey) });
    const dossierCode = typeof query.MaHoSo === 'string' ? query.MaHoSo : '';
    const bill = await this.accounts.openBill(dossierCode);
    if (!bill || bill.expiresAt <= now) {
      return sign({ MaLoi: ANSWER_CODES.unknownReference, MoTaLoi: 'Hồ sơ không có khoản phải nộp', MaDoiTac: this.platform.partnerCode, MaHoSo: dossierCode, MaThamChieu: '', SoTien: '0', MaTienTe: 'VND' });
    }
    const account = (await this.accounts.find(dossierCode))!;
    const payer = await this.intake.payer(dossierCode);
    const number = await this.outbox.transaction(async ({ manager }) => {
      await this.accounts.bill(bill.id, manager, true);
      return this.accounts.nextAttempt(bill.id, manager);
    });
    const reference = attemptReference(bill.reference, number);
    // The platform's own page: no URL of ours; polled like any other attempt.
    await this.payments.insertAttempt({ reference, billId: bill.id, startedAt: now, pageExpiresAt: bill.expiresAt, paymentUrl: '' }, new Date(now.getTime() + this.config.PAYMENT_POLL_STALE_MS));
    const lines = await this.billLines(bill);
    return sign({
      MaLoi: ANSWER_CODES.ok,
      MoTaLoi: 'Thành công',
      MaDoiTac: this.platform.partnerCode,
      MaHoSo: dossierCode,
      MaThamChieu: reference,
      SoTien: bill.amountVnd.toString(),
      MaTienTe: 'VND',
      ThongTinBienLai: {
        MaDichVu: this.config.PAYGOV_SERVICE_CODE,
        MaTTHC: account.procedureCode,
        MaDonVi: bill.agencyCode,
        MaHoSo: dossierCode,
        HoTenNguoiNop: payer?.name ?? '',
        SoCMNDNguoiNop: payer?.idNumber ?? '',
        PhiLePhi: lines.map((line) => ({ LoaiPhiLePhi: line.kind === 'fee' ? 1 : 2, MaPhiLePhi: line.code, TenPhiLePhi: line.name, SoTien: line.amountVnd })),
      },
    });
  }

  private async billLines(bill: Bill): Promise<DossierFeeLine[]> {
    return (await this.accounts.billLines(bill.id)).map((line) => ({ code: line.code, name: line.name, kind: line.kind, amountVnd: Number(line.amountVnd), due: line.due }));
  }
}

export type { PlatformResult };
