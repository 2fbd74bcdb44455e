import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PaymentChannel, PaymentMethod } from '@onestop/domain';

/** One attempt at paying a bill on the platform: one MaThamChieu, one payment page. */
export interface PlatformAttempt {
  reference: string;
  billId: string;
  startedAt: Date;
  pageExpiresAt: Date;
  paymentUrl: string;
  settledAt: Date | null;
  outcome: 'paid' | 'failed' | null;
}

export interface Payment {
  id: string;
  billId: string;
  dossierCode: string;
  agencyCode: string;
  amountVnd: bigint;
  channel: PaymentChannel;
  method: PaymentMethod;
  reference: string | null;
  transactionId: string | null;
  bankCode: string | null;
  counterReceiptNumber: string | null;
  paidAt: Date;
  recordedAt: Date;
  recordedBy: string;
  source: 'callback' | 'poll' | 'officer';
  duplicate: boolean;
}

export interface Refund {
  id: string;
  paymentId: string;
  dossierCode: string;
  amountVnd: bigint;
  reason: string;
  refundedAt: Date;
  refundedBy: string;
  automatic: boolean;
}

interface AttemptRow {
  reference: string;
  bill_id: string;
  started_at: Date;
  page_expires_at: Date;
  payment_url: string;
  settled_at: Date | null;
  outcome: 'paid' | 'failed' | null;
}

interface PaymentRow {
  id: string;
  bill_id: string;
  dossier_code: string;
  agency_code: string;
  amount_vnd: string;
  channel: PaymentChannel;
  method: PaymentMethod;
  reference: string | null;
  transaction_id: string | null;
  bank_code: string | null;
  counter_receipt_number: string | null;
  paid_at: Date;
  recorded_at: Date;
  recorded_by: string;
  source: Payment['source'];
  duplicate: boolean;
}

interface RefundRow {
  id: string;
  payment_id: string;
  dossier_code: string;
  amount_vnd: string;
  reason: string;
  refunded_at: Date;
  refunded_by: string;
  automatic: boolean;
}

const toAttempt = (r: AttemptRow): PlatformAttempt => ({
  reference: r.reference,
  billId: r.bill_id,
  startedAt: r.started_at,
  pageExpiresAt: r.page_expires_at,
  paymentUrl: r.payment_url,
  settledAt: r.settled_at,
  outcome: r.outcome,
});

const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  billId: r.bill_id,
  dossierCode: r.dossier_code,
  agencyCode: r.agency_code,
  amountVnd: BigInt(r.amount_vnd),
  channel: r.channel,
  method: r.method,
  reference: r.reference,
  transactionId: r.transaction_id,
  bankCode: r.bank_code,
  counterReceiptNumber: r.counter_receipt_number,
  paidAt: r.paid_at,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  source: r.source,
  duplicate: r.duplicate,
});

const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  paymentId: r.payment_id,
  dossierCode: r.dossier_code,
  amountVnd: BigInt(r.amount_vnd),
  reason: r.reason,
  refundedAt: r.refunded_at,
  refundedBy: r.refunded_by,
  automatic: r.automatic,
});

/** Every statement on `platform_attempts`, `payments`, `refunds` and `platform_callbacks`. */
@Injectable()
export class PaymentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async insertAttempt(attempt: Omit<PlatformAttempt, 'settledAt' | 'outcome'>, firstPollAt: Date, manager?: EntityManager): Promise<void> {
    await this.db(manager).query(
      `INSERT INTO platform_attempts (reference, bill_id, started_at, page_expires_at, payment_url, next_poll_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [attempt.reference, attempt.billId, attempt.startedAt, attempt.pageExpiresAt, attempt.paymentUrl, firstPollAt],
    );
  }

  async attempt(reference: string, manager?: EntityManager): Promise<PlatformAttempt | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM platform_attempts WHERE reference = $1`, [reference])) as AttemptRow[];
    return row ? toAttempt(row) : undefined;
  }

  /** The bill's attempt still open to pay on at `now` (not settled, page not expired), if any. */
  async liveAttempt(billId: string, now: Date, manager?: EntityManager): Promise<PlatformAttempt | undefined> {
    const [row] = (await this.db(manager).query(
      `SELECT * FROM platform_attempts WHERE bill_id = $1 AND settled_at IS NULL AND page_expires_at > $2 AND payment_url <> '' ORDER BY started_at DESC LIMIT 1`,
      [billId, now],
    )) as AttemptRow[];
    return row ? toAttempt(row) : undefined;
  }

  async attemptsOf(billIds: string[], manager?: EntityManager): Promise<PlatformAttempt[]> {
    if (!billIds.length) return [];
    return ((await this.db(manager).query(`SELECT * FROM platform_attempts WHERE bill_id = ANY($1) ORDER BY started_at`, [billIds])) as AttemptRow[]).map(toAttempt);
  }

  async settleAttempt(reference: string, outcome: 'paid' | 'failed', at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE platform_attempts SET settled_at = $2, outcome = $3 WHERE reference = $1 AND settled_at IS NULL`, [reference, at, outcome]);
  }

  /**
   * Unsettled attempts due for a status query, claimed (`FOR UPDATE SKIP LOCKED`, then their next
   * query put off by `staleMs`) so replicas do not ask twice; those started before `givenUpBefore` are left.
   */
  async claimToPoll(now: Date, staleMs: number, givenUpBefore: Date, limit: number): Promise<PlatformAttempt[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT * FROM platform_attempts WHERE settled_at IS NULL AND next_poll_at <= $1 AND started_at >= $2 ORDER BY next_poll_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [now, givenUpBefore, limit],
      )) as AttemptRow[];
      if (rows.length) {
        await manager.query(`UPDATE platform_attempts SET next_poll_at = $2 WHERE reference = ANY($1)`, [rows.map((r) => r.reference), new Date(now.getTime() + Math.max(staleMs, 1000))]);
      }
      return rows.map(toAttempt);
    });
  }

  async insertPayment(payment: Payment, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO payments (id, bill_id, dossier_code, agency_code, amount_vnd, channel, method, reference, transaction_id, bank_code, counter_receipt_number, paid_at, recorded_at, recorded_by, source, duplicate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        payment.id,
        payment.billId,
        payment.dossierCode,
        payment.agencyCode,
        payment.amountVnd.toString(),
        payment.channel,
        payment.method,
        payment.reference,
        payment.transactionId,
        payment.bankCode,
        payment.counterReceiptNumber,
        payment.paidAt,
        payment.recordedAt,
        payment.recordedBy,
        payment.source,
        payment.duplicate,
      ],
    );
  }

  async byTransaction(method: PaymentMethod, transactionId: string, manager?: EntityManager): Promise<Payment | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM payments WHERE method = $1 AND transaction_id = $2`, [method, transactionId])) as PaymentRow[];
    return row ? toPayment(row) : undefined;
  }

  async payment(id: string, manager?: EntityManager, lock = false): Promise<Payment | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM payments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as PaymentRow[];
    return row ? toPayment(row) : undefined;
  }

  async ofDossier(dossierCode: string, manager?: EntityManager): Promise<Payment[]> {
    return ((await this.db(manager).query(`SELECT * FROM payments WHERE dossier_code = $1 ORDER BY paid_at, id`, [dossierCode])) as PaymentRow[]).map(toPayment);
  }

  /** Payments of an agency's bills made on a day of Vietnam's calendar (yyyy-MM-dd), online or not. */
  async ofDay(day: string, agencyCode: string | undefined, manager?: EntityManager): Promise<Payment[]> {
    return (
      (await this.db(manager).query(
        `SELECT * FROM payments WHERE (paid_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date AND ($2::text IS NULL OR agency_code = $2) ORDER BY paid_at, id`,
        [day, agencyCode ?? null],
      )) as PaymentRow[]
    ).map(toPayment);
  }

  async byReferences(references: string[], manager?: EntityManager): Promise<Payment[]> {
    if (!references.length) return [];
    return ((await this.db(manager).query(`SELECT * FROM payments WHERE reference = ANY($1)`, [references])) as PaymentRow[]).map(toPayment);
  }

  async insertRefund(refund: Refund, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO refunds (id, payment_id, dossier_code, amount_vnd, reason, refunded_at, refunded_by, automatic) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [refund.id, refund.paymentId, refund.dossierCode, refund.amountVnd.toString(), refund.reason, refund.refundedAt, refund.refundedBy, refund.automatic],
    );
  }

  async refundOf(paymentId: string, manager?: EntityManager): Promise<Refund | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM refunds WHERE payment_id = $1`, [paymentId])) as RefundRow[];
    return row ? toRefund(row) : undefined;
  }

  async refundsOf(dossierCode: string, manager?: EntityManager): Promise<Refund[]> {
    return ((await this.db(manager).query(`SELECT * FROM refunds WHERE dossier_code = $1 ORDER BY refunded_at, id`, [dossierCode])) as RefundRow[]).map(toRefund);
  }

  /** Keeps what a callback or a polled status did, without personal data: reference, transaction, amount, outcome. */
  async logCallback(entry: { at: Date; source: 'callback' | 'poll'; reference: string | null; transactionId: string | null; amountVnd: bigint | null; outcome: string; detail: string | null }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO platform_callbacks (received_at, source, reference, transaction_id, amount_vnd, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.at, entry.source, entry.reference?.slice(0, 100) ?? null, entry.transactionId?.slice(0, 100) ?? null, entry.amountVnd?.toString() ?? null, entry.outcome, entry.detail?.slice(0, 300) ?? null],
    );
  }
}
