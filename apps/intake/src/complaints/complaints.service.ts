import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, OutboxService, type Page, ProblemException, toPage } from '@onestop/platform';
import { newLookupSecret, normaliseLookupCode, sameSecret } from '../dossiers/lookup-secret.js';
import { complaintLookup, dossierLookup, LookupAttempts } from '../lookup/lookup-attempts.js';
import type { AnswerComplaintRequest, ComplaintQuery, ComplaintReceipt, ComplaintStatusView, ComplaintView, FileComplaintRequest } from './complaint.dto.js';

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
  lookup_secret_sha256: string | null;
  owner_subject: string | null;
}

/** The fingerprint kept of a complaint's lookup code; a typed code is normalised first (case, hyphens, O/I/L), as a dossier's is. */
function fingerprint(secret: string): Buffer {
  return createHash('sha256').update(normaliseLookupCode(secret)).digest();
}

function opens(row: ComplaintRow, secret: string): boolean {
  if (!row.lookup_secret_sha256) return false;
  return timingSafeEqual(fingerprint(secret), Buffer.from(row.lookup_secret_sha256, 'hex'));
}

/** What the complainant reads: no contact details, no officer. */
function toStatusView(row: ComplaintRow): ComplaintStatusView {
  const { contact: _contact, ...complaint } = toView(row);
  return { ...complaint, status: row.answered_at ? 'answered' : 'open' };
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
    private readonly attempts: LookupAttempts,
  ) {}

  /** Filed by anyone; a citizen signed in is recorded as its owner, who then reads it without the lookup code. */
  async file(caller: Caller | undefined, request: FileComplaintRequest): Promise<ComplaintReceipt> {
    const owner = caller?.roles.includes('citizen') ? caller.subject : null;
    return this.outbox.transaction(async (tx) => {
      if (request.dossierCode) {
        const [dossier] = (await tx.manager.query(`SELECT lookup_secret, receiving_agency_code, competent_agency_code FROM dossiers WHERE code = $1`, [request.dossierCode])) as Array<{
          lookup_secret: string;
          receiving_agency_code: string;
          competent_agency_code: string;
        }>;
        if (!dossier || !sameSecret(request.lookupSecret ?? '', dossier.lookup_secret)) {
          throw await this.attempts.refused(
            dossierLookup(request.dossierCode),
            ProblemException.unprocessable('dossier-not-found', 'No dossier with this code and lookup code.', [{ field: 'dossierCode', reason: 'no dossier with this code and lookup code' }]),
          );
        }
        await this.attempts.opened(dossierLookup(request.dossierCode));
        if (![dossier.receiving_agency_code, dossier.competent_agency_code].includes(request.agencyCode)) {
          throw ProblemException.unprocessable('agency-not-concerned', 'The dossier is neither received nor decided by this agency.', [{ field: 'agencyCode', reason: 'does not handle the dossier' }]);
        }
      }
      const id = randomUUID();
      const now = this.clock.now();
      const secret = newLookupSecret();
      await tx.manager.query(
        `INSERT INTO complaints (id, agency_code, dossier_code, filed_by, contact, subject, content, filed_at, lookup_secret_sha256, owner_subject) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, request.agencyCode, request.dossierCode ?? null, 'public', JSON.stringify(request.contact), request.subject, request.content, now, fingerprint(secret).toString('hex'), owner],
      );
      await tx.publish('ComplaintFiled', { complaintId: id, agencyCode: request.agencyCode, dossierCode: request.dossierCode ?? null, filedAt: now.toISOString() });
      return { id, filedAt: formatLocal(now), lookupSecret: secret };
    });
  }

  /**
   * The complaint for its complainant: whoever holds its lookup code, or the citizen who filed it
   * signed in. An unknown id, a wrong code and someone else's complaint get the same 404.
   */
  async read(id: string, secret: string | undefined, caller: Caller | undefined): Promise<ComplaintStatusView> {
    if (secret === undefined && !caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'Send the lookup code answered at filing as `secret`, or sign in as the citizen who filed the complaint.');
    }
    const [row] = (await this.dataSource.query(`SELECT * FROM complaints WHERE id = $1`, [id])) as ComplaintRow[];
    const owner = (who: Caller | undefined) => who !== undefined && who.roles.includes('citizen') && row.owner_subject === who.subject;
    // A lookup code, when sent, decides alone (and a wrong one counts towards the complaint's
    // lookup limit, as for dossiers); without one, the signed-in filer.
    const notFound = () => ProblemException.notFound('complaint-not-found', 'No complaint with this id and lookup code.');
    if (secret !== undefined) {
      if (!row || !opens(row, secret)) throw await this.attempts.refused(complaintLookup(id), notFound());
      await this.attempts.opened(complaintLookup(id));
    } else if (!row || !owner(caller)) {
      throw notFound();
    }
    return toStatusView(row);
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
      const position = decodeCursor(query.cursor, { filedAt: 'instant', id: 'uuid' });
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
