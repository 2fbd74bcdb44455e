import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { API_PREFIX, Clock } from '@onestop/platform';
import { PaymentConfig } from '../config.js';
import { maXacThuc, PAYGOV_OK, paygovTime } from './paygov-messages.js';
import { type PaymentInit, PaymentPlatform, type PaymentStart, type PlatformResult, type PlatformSettlement, type PlatformStatus, PlatformUnavailableError } from './payment-platform.js';

/** How the simulated platform behaves; tests and developers change it through `/internal/simulated-platform`. */
export interface SimulatedPlatformBehaviour {
  /** False: it is down (INIT and status queries fail as unavailable). */
  available: boolean;
  /** False: it sends no callbacks, so payments settle only by polling. */
  callbacks: boolean;
}

interface SimulatedRow {
  reference: string;
  dossier_code: string;
  description: string;
  amount_vnd: string;
  started_at: Date;
  state: 'pending' | 'paid' | 'failed';
  transaction_id: string | null;
  bank_code: string | null;
  paid_at: Date | null;
}

const BANKS = ['VCB', 'BIDV', 'CTG', 'VBA'];

/**
 * The built-in national payment platform for development and tests (PAYMENT_PLATFORM=simulated,
 * as `npm start` runs). INIT books the attempt in payment's schema and answers the address of a
 * page served by payment itself (`/api/v1/payment-callbacks/simulated/{reference}`) that pays or
 * fails on a click; then it calls back `/api/v1/payment-callbacks/paygov` with the result signed
 * by MaXacThuc exactly as the platform does, and answers status queries and the reconciliation
 * from its book. Nothing is really charged.
 */
@Injectable()
export class SimulatedPlatform extends PaymentPlatform {
  readonly code = 'simulated';
  readonly partnerCode: string;
  readonly secretKey: string;
  private readonly logger = new Logger('SimulatedPlatform');
  private behaviour: SimulatedPlatformBehaviour = { available: true, callbacks: true };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: PaymentConfig,
  ) {
    super();
    this.partnerCode = config.PAYGOV_PARTNER_CODE;
    this.secretKey = config.PAYGOV_SECRET_KEY ?? randomBytes(24).toString('hex');
  }

  get active(): boolean {
    return this.config.PAYMENT_PLATFORM === 'simulated';
  }

  behave(change: Partial<SimulatedPlatformBehaviour>): SimulatedPlatformBehaviour {
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    this.behaviour = { ...this.behaviour, ...given };
    this.logger.log(`behaviour: ${JSON.stringify(this.behaviour)}`);
    return { ...this.behaviour };
  }

  currentBehaviour(): SimulatedPlatformBehaviour {
    return { ...this.behaviour };
  }

  async init(request: PaymentInit): Promise<PaymentStart> {
    this.requireAvailable();
    await this.dataSource.query(
      `INSERT INTO simulated_platform_transactions (reference, dossier_code, description, amount_vnd, started_at, state) VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (reference) DO NOTHING`,
      [request.reference, request.receipt.dossierCode, request.description, request.amountVnd.toString(), request.startedAt],
    );
    return { paymentUrl: this.pageUrl(request.reference) };
  }

  pageUrl(reference: string): string {
    return `${this.config.PUBLIC_API_URL.replace(/\/$/, '')}/payment-callbacks/simulated/${encodeURIComponent(reference)}`;
  }

  async status(reference: string): Promise<PlatformStatus> {
    this.requireAvailable();
    const row = await this.find(reference);
    if (!row) return { state: 'unknown' };
    if (row.state === 'paid') return { state: 'paid', result: this.result(row) };
    return row.state === 'failed' ? { state: 'failed', reason: 'Người nộp hủy thanh toán' } : { state: 'pending' };
  }

  async settlements(day: string): Promise<PlatformSettlement[]> {
    this.requireAvailable();
    const rows = (await this.dataSource.query(
      `SELECT * FROM simulated_platform_transactions WHERE state = 'paid' AND (paid_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date ORDER BY paid_at`,
      [day],
    )) as SimulatedRow[];
    return rows.map((row) => ({ reference: row.reference, transactionId: row.transaction_id!, amountVnd: BigInt(row.amount_vnd), paidAt: row.paid_at! }));
  }

  async find(reference: string): Promise<SimulatedRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM simulated_platform_transactions WHERE reference = $1`, [reference])) as SimulatedRow[];
    return row;
  }

  /**
   * The payer clicked: the attempt is paid (a transaction number, a bank) or failed, once; then
   * the platform calls back, unless told not to. Answers the row after the click.
   */
  async decide(reference: string, outcome: 'pay' | 'fail'): Promise<SimulatedRow | undefined> {
    const now = this.clock.now();
    const transactionId = `SIM${paygovTime(now)}${String(randomInt(1e6)).padStart(6, '0')}`;
    await this.dataSource.query(
      `UPDATE simulated_platform_transactions SET state = $2, transaction_id = CASE WHEN $2 = 'paid' THEN $3 END, bank_code = CASE WHEN $2 = 'paid' THEN $4 END, paid_at = CASE WHEN $2 = 'paid' THEN $5::timestamptz END
        WHERE reference = $1 AND state = 'pending'`,
      [reference, outcome === 'pay' ? 'paid' : 'failed', transactionId, BANKS[randomInt(BANKS.length)], now],
    );
    const row = await this.find(reference);
    if (row && this.behaviour.callbacks) await this.callBack(row);
    return row;
  }

  /** The result message of a decided attempt, signed as the platform signs it. */
  result(row: SimulatedRow): PlatformResult {
    const message: PlatformResult = {
      LoaiBanTin: 'PAY',
      MaLoi: row.state === 'paid' ? PAYGOV_OK : '99',
      MaDoiTac: this.partnerCode,
      MaThamChieu: row.reference,
      SoTien: row.amount_vnd,
      MaTienTe: 'VND',
      MaGiaoDich: row.transaction_id ?? '',
      MaNganHang: row.bank_code ?? '',
      ThoiGianGD: paygovTime(row.paid_at ?? this.clock.now()),
      ThongTinGiaoDich: row.description,
    };
    return { ...message, MaXacThuc: maXacThuc('RESULT', message as unknown as Record<string, unknown>, this.secretKey) };
  }

  private async callBack(row: SimulatedRow): Promise<void> {
    const body = JSON.stringify(this.result(row));
    try {
      const response = await fetch(`http://127.0.0.1:${this.config.PORT}/${API_PREFIX}/payment-callbacks/paygov`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `simulated-${row.reference}` },
        body,
        signal: AbortSignal.timeout(this.config.HTTP_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.status >= 400) this.logger.warn(`payment refused the simulated callback of ${row.reference}: HTTP ${response.status}`);
      else await this.dataSource.query(`UPDATE simulated_platform_transactions SET called_back = true WHERE reference = $1`, [row.reference]);
    } catch (error) {
      // Polling settles it.
      this.logger.warn(`simulated callback of ${row.reference} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private requireAvailable(): void {
    if (!this.behaviour.available) throw new PlatformUnavailableError('the simulated payment platform is down');
  }
}
