import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ComplaintView } from './complaint.dto.js';

export interface ComplaintRow {
  id: string;
  agency_code: string;
  dossier_code: string | null;
  contact: ComplaintView['contact'];
  subject: string;
  content: string;
  filed_at: Date;
  answer: string | null;
  answered_at: Date | null;
  lookup_secret_sha256: string | null;
  owner_subject: string | null;
}

/** A complaint as it is filed. */
export interface NewComplaint {
  id: string;
  agencyCode: string;
  dossierCode: string | null;
  filedBy: string;
  contact: ComplaintView['contact'];
  subject: string;
  content: string;
  filedAt: Date;
  lookupSecretSha256: string;
  ownerSubject: string | null;
}

/** Which complaints a list holds: of some agencies (all when null), open or answered (both when undefined), after a position. */
export interface ComplaintFilter {
  agencyCodes: string[] | null;
  state?: 'open' | 'answered';
  after?: { filedAt: string; id: string };
  limit: number;
}

/** Every statement on complaints and petitions (`complaints`). */
@Injectable()
export class ComplaintsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(complaint: NewComplaint, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO complaints (id, agency_code, dossier_code, filed_by, contact, subject, content, filed_at, lookup_secret_sha256, owner_subject) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        complaint.id,
        complaint.agencyCode,
        complaint.dossierCode,
        complaint.filedBy,
        JSON.stringify(complaint.contact),
        complaint.subject,
        complaint.content,
        complaint.filedAt,
        complaint.lookupSecretSha256,
        complaint.ownerSubject,
      ],
    );
  }

  async find(id: string): Promise<ComplaintRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM complaints WHERE id = $1`, [id])) as ComplaintRow[];
    return row;
  }

  /** The complaint, locked until the caller's transaction ends. */
  async findForUpdate(id: string, manager: EntityManager): Promise<ComplaintRow | undefined> {
    const [row] = (await manager.query(`SELECT * FROM complaints WHERE id = $1 FOR UPDATE`, [id])) as ComplaintRow[];
    return row;
  }

  /** Newest filed first; one more than `limit`, so the caller knows whether a page follows. */
  async list(filter: ComplaintFilter): Promise<ComplaintRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.agencyCodes) {
      params.push(filter.agencyCodes);
      conditions.push(`agency_code = ANY($${params.length})`);
    }
    if (filter.state) conditions.push(filter.state === 'open' ? 'answered_at IS NULL' : 'answered_at IS NOT NULL');
    if (filter.after) {
      params.push(filter.after.filedAt, filter.after.id);
      conditions.push(`(filed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    return (await this.dataSource.query(
      `SELECT * FROM complaints ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY filed_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as ComplaintRow[];
  }

  async answer(id: string, answer: string, by: string, at: Date, manager: EntityManager): Promise<ComplaintRow> {
    const [updated] = (await manager.query(`WITH updated AS (UPDATE complaints SET answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1 RETURNING *) SELECT * FROM updated`, [
      id,
      answer,
      by,
      at,
    ])) as ComplaintRow[];
    return updated;
  }
}
