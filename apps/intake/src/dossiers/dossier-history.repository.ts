import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DossierStatus, formatLocal, type ProgressAction } from '@onestop/domain';
import { type FeedPage, type FeedQuery, readFeed } from '@onestop/platform';

/** One step of a dossier's progress, as recorded. */
export interface DossierHistoryEntry {
  dossierCode: string;
  status: DossierStatus;
  nationalStatus: number;
  at: Date;
  unitCode: string | null;
  unitName: string | null;
  officerName?: string | null;
  officerTitle?: string | null;
  /** What the step did (libs/domain's PROGRESS_ACTIONS); null when not known. */
  action?: ProgressAction | null;
  content: string;
  appointmentAt: Date;
  dueAt: Date;
}

/** What the public lookup reads of a step: no officer. */
export interface PublicHistoryRow {
  status: DossierStatus;
  national_status: number;
  at: Date;
  unit_code: string | null;
  unit_name: string | null;
  action: ProgressAction | null;
  content: string;
  appointment_at: Date;
}

export interface HistoryRow extends PublicHistoryRow {
  officer_name: string | null;
  officer_title: string | null;
}

/** A recorded step as the API shows it: when, at which unit, by which officer, and what was done. */
export function historyStepView(row: HistoryRow) {
  return {
    at: formatLocal(new Date(row.at)),
    unitCode: row.unit_code,
    unitName: row.unit_name,
    officerName: row.officer_name,
    officerTitle: row.officer_title,
    content: row.content,
  };
}

/** A step of the national portal's progress feed, with what it tells of the dossier. */
export interface ProgressFeedRow extends HistoryRow {
  dossier_code: string;
  procedure_code: string;
  received_at: Date;
  due_at: Date;
  external_id: string | null;
}

const PUBLIC_COLUMNS = ['status', 'national_status', 'at', 'unit_code', 'unit_name', 'action', 'content', 'appointment_at'];
const COLUMNS = [...PUBLIC_COLUMNS, 'officer_name', 'officer_title'];

/** Every statement on a dossier's progress (`dossier_history`), oldest step first wherever it is read. */
@Injectable()
export class DossierHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entry: DossierHistoryEntry, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO dossier_history (dossier_code, status, national_status, at, unit_code, unit_name, officer_name, officer_title, content, appointment_at, due_at, action)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        entry.dossierCode,
        entry.status,
        entry.nationalStatus,
        entry.at,
        entry.unitCode,
        entry.unitName,
        entry.officerName ?? null,
        entry.officerTitle ?? null,
        entry.content,
        entry.appointmentAt,
        entry.dueAt,
        entry.action ?? null,
      ],
    );
  }

  /** The public lookup's steps: officers' names and titles are not even read. */
  async publicEntries(code: string): Promise<PublicHistoryRow[]> {
    return (await this.dataSource.query(`SELECT ${PUBLIC_COLUMNS.join(', ')} FROM dossier_history WHERE dossier_code = $1 ORDER BY at, id`, [code])) as PublicHistoryRow[];
  }

  /** One more step than `limit` after the one `afterId` names (its time read back exactly, microseconds), so the caller knows whether a page follows. */
  async page(code: string, limit: number, afterId?: string): Promise<Array<HistoryRow & { id: string }>> {
    return (await this.dataSource.query(
      `SELECT h.id::text AS id, ${COLUMNS.map((column) => `h.${column}`).join(', ')}
         FROM dossier_history h
        WHERE h.dossier_code = $1
          ${afterId === undefined ? '' : 'AND (h.at, h.id) > (SELECT last.at, last.id FROM dossier_history last WHERE last.id = $3::bigint AND last.dossier_code = $1)'}
        ORDER BY h.at, h.id LIMIT $2`,
      afterId === undefined ? [code, limit + 1] : [code, limit + 1, afterId],
    )) as Array<HistoryRow & { id: string }>;
  }

  /** The officer who received (or, online, accepted) the dossier, by the name their token gave. */
  async receivingOfficerName(code: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT officer_name FROM dossier_history WHERE dossier_code = $1 AND status = 'accepted' AND officer_name IS NOT NULL ORDER BY at, id LIMIT 1`,
      [code],
    )) as Array<{ officer_name: string }>;
    return row?.officer_name ?? null;
  }

  /** Every step of every dossier, in the order their transactions committed. */
  feed(query: FeedQuery): Promise<FeedPage<ProgressFeedRow>> {
    return readFeed<ProgressFeedRow>(
      this.dataSource.manager,
      {
        from: 'dossier_history h JOIN dossiers d ON d.code = h.dossier_code',
        select: `h.dossier_code, d.procedure_code, h.national_status, h.status, h.at, h.unit_code, h.unit_name, h.officer_name, h.officer_title, h.action, h.content,
                 d.received_at, h.due_at, h.appointment_at, d.external_id`,
        txidColumn: 'h.txid',
        idColumn: 'h.id',
      },
      query,
    );
  }
}
