import { Injectable } from '@nestjs/common';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { formatLocal } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, OutboxService, type Page, ProblemException, toPage } from '@onestop/platform';
import { newLookupSecret, normaliseLookupCode, sameSecret } from '../dossiers/lookup-secret.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import { complaintLookup, dossierLookup, LookupAttempts } from '../lookup/lookup-attempts.js';
import type { AnswerComplaintRequest, ComplaintQuery, ComplaintReceipt, ComplaintStatusView, ComplaintView, FileComplaintRequest } from './complaint.dto.js';
import { type ComplaintRow, ComplaintsRepository } from './complaints.repository.js';
import { IntakeAccess } from '../access-policy.js';

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
    private readonly complaints: ComplaintsRepository,
    private readonly dossiers: DossiersRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly attempts: LookupAttempts,
  ) {}

  /** Filed by anyone; a citizen signed in is recorded as its owner, who then reads it without the lookup code. */
  async file(caller: Caller | undefined, request: FileComplaintRequest): Promise<ComplaintReceipt> {
    const owner = IntakeAccess.fileComplaint.complainantOf(caller);
    return this.outbox.transaction(async (tx) => {
      if (request.dossierCode) {
        const dossier = await this.dossiers.agenciesAndSecret(request.dossierCode, tx.manager);
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
      await this.complaints.insert(
        {
          id,
          agencyCode: request.agencyCode,
          dossierCode: request.dossierCode ?? null,
          filedBy: 'public',
          contact: request.contact,
          subject: request.subject,
          content: request.content,
          filedAt: now,
          lookupSecretSha256: fingerprint(secret).toString('hex'),
          ownerSubject: owner,
        },
        tx.manager,
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
    const row = await this.complaints.find(id);
    // A lookup code, when sent, decides alone (and a wrong one counts towards the complaint's
    // lookup limit, as for dossiers); without one, the signed-in filer.
    const notFound = () => ProblemException.notFound('complaint-not-found', 'No complaint with this id and lookup code.');
    if (secret !== undefined) {
      if (!row || !opens(row, secret)) throw await this.attempts.refused(complaintLookup(id), notFound());
      await this.attempts.opened(complaintLookup(id));
    } else if (!row || !IntakeAccess.readComplaint.filed(caller, row)) {
      throw notFound();
    }
    return toStatusView(row);
  }

  async list(caller: Caller, query: ComplaintQuery): Promise<Page<ComplaintView>> {
    const rows = await this.complaints.list({
      agencyCodes: IntakeAccess.listComplaints.seesEveryAgency(caller) ? null : caller.agencyCodes,
      state: query.state,
      after: query.cursor ? decodeCursor(query.cursor, { filedAt: 'instant', id: 'uuid' }) : undefined,
      limit: query.limit,
    });
    const page = toPage(rows, query.limit, (last) => ({ filedAt: new Date(last.filed_at).toISOString(), id: last.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async answer(caller: Caller, id: string, request: AnswerComplaintRequest): Promise<ComplaintView> {
    return this.outbox.transaction(async (tx) => {
      const row = await this.complaints.findForUpdate(id, tx.manager);
      if (!row || !IntakeAccess.answerComplaint.allows(caller, row)) {
        throw ProblemException.notFound('complaint-not-found', `No complaint ${id} for your agencies.`);
      }
      if (row.answered_at) throw ProblemException.conflict('complaint-answered', 'This complaint has been answered already.');
      const now = this.clock.now();
      const updated = await this.complaints.answer(id, request.answer, caller.subject, now, tx.manager);
      await tx.publish('ComplaintAnswered', { complaintId: id, agencyCode: row.agency_code, dossierCode: row.dossier_code, answeredAt: now.toISOString() });
      return toView(updated);
    });
  }
}
