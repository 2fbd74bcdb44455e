import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel, DossierFeeLine, FeeDue, FeeKind } from '@onestop/domain';

/** A dossier payment knows of (from intake's DossierReceived): who charges it, and for what. */
export interface DossierAccount {
  dossierCode: string;
  procedureCode: string;
  procedureVersionNo: number;
  procedureName: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  channel: Channel;
  receivedAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
}

export type BillStatus = 'open' | 'paid' | 'cancelled';

export interface Bill {
  id: string;
  reference: string;
  dossierCode: string;
  agencyCode: string;
  amountVnd: bigint;
  due: FeeDue;
  stopsClock: boolean;
  status: BillStatus;
  requestedAt: Date;
  requestedBy: string;
  reason: string | null;
  expiresAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  attempts: number;
}

export interface StoredFeeLine extends Omit<DossierFeeLine, 'amountVnd'> {
  id: string;
  billId: string | null;
  position: number;
  amountVnd: bigint;
  source: 'procedure' | 'assessed';
  assessedBy: string | null;
  assessedAt: Date;
}

interface AccountRow {
  dossier_code: string;
  procedure_code: string;
  procedure_version_no: number;
  procedure_name: string;
  receiving_agency_code: string;
  competent_agency_code: string;
  channel: Channel;
  received_at: Date;
  closed_at: Date | null;
  closed_reason: string | null;
}

interface BillRow {
  id: string;
  reference: string;
  dossier_code: string;
  agency_code: string;
  amount_vnd: string;
  due: FeeDue;
  stops_clock: boolean;
  status: BillStatus;
  requested_at: Date;
  requested_by: string;
  reason: string | null;
  expires_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  attempts: number;
}

interface LineRow {
  id: string;
  bill_id: string | null;
  position: number;
  code: string;
  name: string;
  kind: FeeKind;
  amount_vnd: string;
  due: FeeDue;
  source: 'procedure' | 'assessed';
  assessed_by: string | null;
  assessed_at: Date;
}

const toAccount = (r: AccountRow): DossierAccount => ({
  dossierCode: r.dossier_code,
  procedureCode: r.procedure_code,
  procedureVersionNo: r.procedure_version_no,
  procedureName: r.procedure_name,
  receivingAgencyCode: r.receiving_agency_code,
  competentAgencyCode: r.competent_agency_code,
  channel: r.channel,
  receivedAt: r.received_at,
  closedAt: r.closed_at,
  closedReason: r.closed_reason,
});

export const toBill = (r: BillRow): Bill => ({
  id: r.id,
  reference: r.reference,
  dossierCode: r.dossier_code,
  agencyCode: r.agency_code,
  amountVnd: BigInt(r.amount_vnd),
  due: r.due,
  stopsClock: r.stops_clock,
  status: r.status,
  requestedAt: r.requested_at,
  requestedBy: r.requested_by,
  reason: r.reason,
  expiresAt: r.expires_at,
  paidAt: r.paid_at,
  cancelledAt: r.cancelled_at,
  attempts: r.attempts,
});

const toLine = (r: LineRow): StoredFeeLine => ({
  id: r.id,
  billId: r.bill_id,
  position: r.position,
  code: r.code,
  name: r.name,
  kind: r.kind,
  amountVnd: BigInt(r.amount_vnd),
  due: r.due,
  source: r.source,
  assessedBy: r.assessed_by,
  assessedAt: r.assessed_at,
});

/** Every statement on `dossier_accounts`, `fee_lines` and `bills`. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Records the dossier once; false when it was known already (a redelivered DossierReceived). */
  async open(account: Omit<DossierAccount, 'closedAt' | 'closedReason'>, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO dossier_accounts (dossier_code, procedure_code, procedure_version_no, procedure_name, receiving_agency_code, competent_agency_code, channel, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dossier_code) DO NOTHING RETURNING dossier_code`,
      [account.dossierCode, account.procedureCode, account.procedureVersionNo, account.procedureName, account.receivingAgencyCode, account.competentAgencyCode, account.channel, account.receivedAt],
    )) as unknown[];
    return rows.length === 1;
  }

  async find(dossierCode: string, manager?: EntityManager, lock = false): Promise<DossierAccount | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM dossier_accounts WHERE dossier_code = $1${lock ? ' FOR UPDATE' : ''}`, [dossierCode])) as AccountRow[];
    return row ? toAccount(row) : undefined;
  }

  async close(dossierCode: string, at: Date, reason: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE dossier_accounts SET closed_at = $2, closed_reason = $3 WHERE dossier_code = $1 AND closed_at IS NULL`, [dossierCode, at, reason]);
  }

  async insertBill(bill: Omit<Bill, 'paidAt' | 'cancelledAt' | 'attempts' | 'status'>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO bills (id, reference, dossier_code, agency_code, amount_vnd, due, stops_clock, status, requested_at, requested_by, reason, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11)`,
      [bill.id, bill.reference, bill.dossierCode, bill.agencyCode, bill.amountVnd.toString(), bill.due, bill.stopsClock, bill.requestedAt, bill.requestedBy, bill.reason, bill.expiresAt],
    );
  }

  /** Appends lines after the dossier's last one (positions 1, 2, ... per dossier). */
  async insertLines(dossierCode: string, billId: string | null, lines: DossierFeeLine[], source: StoredFeeLine['source'], by: string | null, at: Date, manager: EntityManager): Promise<void> {
    const [{ last }] = (await manager.query(`SELECT COALESCE(max(position), 0)::int AS last FROM fee_lines WHERE dossier_code = $1`, [dossierCode])) as Array<{ last: number }>;
    let position = last;
    for (const line of lines) {
      position++;
      await manager.query(
        `INSERT INTO fee_lines (id, dossier_code, bill_id, position, code, name, kind, amount_vnd, due, source, assessed_by, assessed_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [dossierCode, billId, position, line.code, line.name, line.kind, String(line.amountVnd), line.due, source, by, at],
      );
    }
  }

  async lines(dossierCode: string, manager?: EntityManager): Promise<StoredFeeLine[]> {
    return ((await this.db(manager).query(`SELECT * FROM fee_lines WHERE dossier_code = $1 ORDER BY position`, [dossierCode])) as LineRow[]).map(toLine);
  }

  async billLines(billId: string, manager?: EntityManager): Promise<StoredFeeLine[]> {
    return ((await this.db(manager).query(`SELECT * FROM fee_lines WHERE bill_id = $1 ORDER BY position`, [billId])) as LineRow[]).map(toLine);
  }

  async bills(dossierCode: string, manager?: EntityManager): Promise<Bill[]> {
    return ((await this.db(manager).query(`SELECT * FROM bills WHERE dossier_code = $1 ORDER BY requested_at, reference`, [dossierCode])) as BillRow[]).map(toBill);
  }

  async bill(id: string, manager?: EntityManager, lock = false): Promise<Bill | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM bills WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as BillRow[];
    return row ? toBill(row) : undefined;
  }

  /** The dossier's oldest open bill, locked when asked. */
  async openBill(dossierCode: string, manager?: EntityManager, lock = false): Promise<Bill | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM bills WHERE dossier_code = $1 AND status = 'open' ORDER BY requested_at, reference LIMIT 1${lock ? ' FOR UPDATE' : ''}`, [
      dossierCode,
    ])) as BillRow[];
    return row ? toBill(row) : undefined;
  }

  async markPaid(billId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE bills SET status = 'paid', paid_at = $2 WHERE id = $1`, [billId, at]);
  }

  /** Cancels the dossier's open bills (a withdrawn or refused dossier); the ones cancelled. */
  async cancelOpen(dossierCode: string, at: Date, manager: EntityManager): Promise<Bill[]> {
    return ((await manager.query(`UPDATE bills SET status = 'cancelled', cancelled_at = $2 WHERE dossier_code = $1 AND status = 'open' RETURNING *`, [dossierCode, at])) as [BillRow[], number])[0].map(
      toBill,
    );
  }

  /** Takes the next attempt number of a bill (under the bill's lock). */
  async nextAttempt(billId: string, manager: EntityManager): Promise<number> {
    const [[row]] = (await manager.query(`UPDATE bills SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`, [billId])) as [[{ attempts: number }], number];
    return row.attempts;
  }

  /** The open bill of a dossier by its code, for the platform's bill query. */
  async billsByReferencePrefix(reference: string, manager?: EntityManager): Promise<Bill | undefined> {
    const [row] = (await this.db(manager).query(`SELECT * FROM bills WHERE reference = $1`, [reference])) as BillRow[];
    return row ? toBill(row) : undefined;
  }
}
