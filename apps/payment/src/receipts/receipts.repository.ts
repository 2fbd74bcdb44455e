import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DossierFeeLine } from '@onestop/domain';

/** An electronic receipt (biên lai điện tử): one per payment, numbered in its agency's series of the year. */
export interface Receipt {
  id: string;
  paymentId: string;
  dossierCode: string;
  agencyCode: string;
  year: number;
  serial: number;
  number: string;
  issuedAt: Date;
  payerName: string;
  lines: DossierFeeLine[];
  amountVnd: bigint;
  voidedAt: Date | null;
  voidedBy: string | null;
  voidReason: string | null;
}

interface ReceiptRow {
  id: string;
  payment_id: string;
  dossier_code: string;
  agency_code: string;
  year: number;
  serial: number;
  number: string;
  issued_at: Date;
  payer_name: string;
  lines: DossierFeeLine[];
  amount_vnd: string;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

const toReceipt = (r: ReceiptRow): Receipt => ({
  id: r.id,
  paymentId: r.payment_id,
  dossierCode: r.dossier_code,
  agencyCode: r.agency_code,
  year: r.year,
  serial: r.serial,
  number: r.number,
  issuedAt: r.issued_at,
  payerName: r.payer_name,
  lines: r.lines,
  amountVnd: BigInt(r.amount_vnd),
  voidedAt: r.voided_at,
  voidedBy: r.voided_by,
  voidReason: r.void_reason,
});

/** Every statement on `receipts` and `receipt_counters`. */
@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /**
   * The next serial of the agency's series for the year. The counter row stays locked until the
   * caller's transaction ends, so concurrent payments take serials one after another, and a
   * transaction that rolls back gives its serial back: no gaps, no repeats.
   */
  async nextSerial(agencyCode: string, year: number, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `INSERT INTO receipt_counters (agency_code, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, year) DO UPDATE SET last_number = receipt_counters.last_number + 1 RETURNING last_number`,
      [agencyCode, year],
    )) as Array<{ last_number: number }>;
    return row.last_number;
  }

  async insert(receipt: Omit<Receipt, 'voidedAt' | 'voidedBy' | 'voidReason'>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO receipts (id, payment_id, dossier_code, agency_code, year, serial, number, issued_at, payer_name, lines, amount_vnd) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [receipt.id, receipt.paymentId, receipt.dossierCode, receipt.agencyCode, receipt.year, receipt.serial, receipt.number, receipt.issuedAt, receipt.payerName, JSON.stringify(receipt.lines), receipt.amountVnd.toString()],
    );
  }

  async find(id: string, manager?: EntityManager, lock = false): Promise<Receipt | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM receipts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as ReceiptRow[];
    return row ? toReceipt(row) : undefined;
  }

  async ofPayment(paymentId: string, manager?: EntityManager): Promise<Receipt | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM receipts WHERE payment_id = $1`, [paymentId])) as ReceiptRow[];
    return row ? toReceipt(row) : undefined;
  }

  async ofDossier(dossierCode: string, manager?: EntityManager): Promise<Receipt[]> {
    return ((await this.db(manager).query(`SELECT * FROM receipts WHERE dossier_code = $1 ORDER BY issued_at, number`, [dossierCode])) as ReceiptRow[]).map(toReceipt);
  }

  async void(id: string, at: Date, by: string, reason: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE receipts SET voided_at = $2, voided_by = $3, void_reason = $4 WHERE id = $1 AND voided_at IS NULL`, [id, at, by, reason]);
  }
}
