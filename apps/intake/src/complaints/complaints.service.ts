import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, OutboxService, type Page, ProblemException, toPage } from '@onestop/platform';
import { sameSecret } from '../dossiers/applicant-actions.service.js';
import type { AnswerComplaintRequest, ComplaintQuery, ComplaintReceipt, ComplaintView, FileComplaintRequest } from './complaint.dto.js';

interface ComplaintRow {
  id: string;
  agency_code: string;
  dossier_code: string | null;
  contact: ComplaintView['contact'];
  subject: string;
  content: string;
  filed_at: Date;
  answer: string | null;
  answered_at: Date | null;
}

function toView(row: ComplaintRow): ComplaintView {
  return {
    id: row.id,
    agencyCode: row.agency_code,
    dossierCode: row.dossier_code,
    contact: row.contact,
    subject: row.subject,
    content: row.content,
    filedAt: formatLocal(new Date(row.filed_at)),
    answer: row.answer,
    answeredAt: row.answered_at ? formatLocal(new Date(row.answered_at)) : null,
  };
}

/** Complaints and petitions (phản ánh, kiến nghị): anyone files one, the agency's officers answer. */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async file(filer: string, request: FileComplaintRequest): Promise<ComplaintReceipt> {
    return this.outbox.transaction(async (tx) => {
      if (request.dossierCode) {
        const [dossier] = (await tx.manager.query(`SELECT lookup_secret, receiving_agency_code, competent_agency_code FROM dossiers WHERE code = $1`, [request.dossierCode])) as Array<{
          lookup_secret: string;
          receiving_agency_code: string;
          competent_agency_code: string;
        }>;
        if (!dossier || !sameSecret(request.lookupSecret ?? '', dossier.lookup_secret)) {
          throw ProblemException.unprocessable('dossier-not-found', 'No dossier with this code and lookup code.', [{ field: 'dossierCode', reason: 'no dossier with this code and lookup code' }]);
        }
        if (![dossier.receiving_agency_code, dossier.competent_agency_code].includes(request.agencyCode)) {
          throw ProblemException.unprocessable('agency-not-concerned', 'The dossier is neither received nor decided by this agency.', [{ field: 'agencyCode', reason: 'does not handle the dossier' }]);
        }
      }
      const id = randomUUID();
      const now = this.clock.now();
      await tx.manager.query(
        `INSERT INTO complaints (id, agency_code, dossier_code, filed_by, contact, subject, content, filed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, request.agencyCode, request.dossierCode ?? null, filer, JSON.stringify(request.contact), request.subject, request.content, now],
      );
      await tx.publish('ComplaintFiled', { complaintId: id, agencyCode: request.agencyCode, dossierCode: request.dossierCode ?? null, filedAt: now.toISOString() });
      return { id, filedAt: formatLocal(now) };
    });
  }

  async list(caller: Caller, query: ComplaintQuery): Promise<Page<ComplaintView>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (!caller.roles.includes('admin')) {
      params.push(caller.agencyCodes);
      conditions.push(`agency_code = ANY($${params.length})`);
    }
    if (query.state) conditions.push(query.state === 'open' ? 'answered_at IS NULL' : 'answered_at IS NOT NULL');
    if (query.cursor) {
      const position = decodeCursor(query.cursor, { filedAt: 'string', id: 'string' });
      params.push(position.filedAt, position.id);
      conditions.push(`(filed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT * FROM complaints ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY filed_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as ComplaintRow[];
    const page = toPage(rows, query.limit, (last) => ({ filedAt: new Date(last.filed_at).toISOString(), id: last.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async answer(caller: Caller, id: string, request: AnswerComplaintRequest): Promise<ComplaintView> {
    return this.outbox.transaction(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT * FROM complaints WHERE id = $1 FOR UPDATE`, [id])) as ComplaintRow[];
      if (!row || (!caller.roles.includes('admin') && !caller.agencyCodes.includes(row.agency_code))) {
        throw ProblemException.notFound('complaint-not-found', `No complaint ${id} for your agencies.`);
      }
      if (row.answered_at) throw ProblemException.conflict('complaint-answered', 'This complaint has been answered already.');
      const now = this.clock.now();
      const [updated] = (await tx.manager.query(`WITH updated AS (UPDATE complaints SET answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1 RETURNING *) SELECT * FROM updated`, [
        id,
        request.answer,
        caller.subject,
        now,
      ])) as ComplaintRow[];
      await tx.publish('ComplaintAnswered', { complaintId: id, agencyCode: row.agency_code, dossierCode: row.dossier_code, answeredAt: now.toISOString() });
      return toView(updated);
    });
  }
}
