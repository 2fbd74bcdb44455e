import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { type AccessRule, admitted, type Caller, Clock, decodeCursor, type Page, type PageQuery, ProblemException, toPage } from '@onestop/platform';
import { IntakeAccess } from '../access-policy.js';
import type { DossierListQuery } from './dossier.dto.js';
import type { Dossier } from './dossier.entity.js';
import { type DossierProgressEntryView, type DossierSummary, type DossierView, toDossierView } from './dossier.views.js';
import { isOverdue } from './lateness.js';
import { sameSecret } from './lookup-secret.js';
import { dossierLookup, LookupAttempts } from '../lookup/lookup-attempts.js';
import type { ApplicantProof } from '../lookup/lookup-code.js';
import { DossierHistoryRepository, type HistoryRow, historyStepView } from './dossier-history.repository.js';
import { type DossierScope, DossiersRepository } from './dossiers.repository.js';

/** Reading dossiers: one, a filtered page, the progress. */
@Injectable()
export class DossiersService {
  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly history: DossierHistoryRepository,
    private readonly clock: Clock,
    private readonly attempts: LookupAttempts,
  ) {}

  /** The dossier as its applicant and officers read it, lateness judged now. */
  async view(caller: Caller, code: string): Promise<DossierView> {
    return toDossierView(await this.visible(caller, code), this.clock.now());
  }

  /**
   * The dossier for a signed-in caller who may see it (as `visible`), or for whoever holds its
   * lookup code: an unknown dossier and a wrong code are the same 404, and count towards the
   * dossier's lookup limit (429 past it, the right code included).
   */
  async readableBy(proof: ApplicantProof, code: string, manager?: EntityManager, lock = false): Promise<Dossier> {
    if (proof.secret === undefined) return this.visible(proof.caller, code, manager, lock);
    const dossier = await this.dossiers.find(code, manager, lock);
    if (!dossier || !sameSecret(proof.secret, dossier.lookupSecret)) {
      throw await this.attempts.refused(dossierLookup(code), ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.'));
    }
    await this.attempts.opened(dossierLookup(code));
    return dossier;
  }

  /**
   * A dossier to read with the lookup code or a reader's credentials, on an operation whose roles
   * guard lets an anonymous request through: with the code, as `readableBy`; without, 401 with no
   * credential, 403 without one of the rule's roles, and 404 for a dossier the caller may not see.
   */
  async readableWithCodeOr(reader: { caller?: Caller; secret?: string }, code: string, rule: AccessRule): Promise<Dossier> {
    if (reader.secret !== undefined) return this.readableBy({ secret: reader.secret }, code);
    return this.visible(admitted(rule, reader.caller), code);
  }

  /** The dossier if the caller may see it; otherwise 404, so codes of others' dossiers leak nothing. */
  async visible(caller: Caller, code: string, manager?: EntityManager, lock = false): Promise<Dossier> {
    const dossier = await this.dossiers.find(code, manager, lock);
    if (!dossier || !IntakeAccess.readDossier.allows(caller, dossier)) throw ProblemException.notFound('dossier-not-found', `No dossier ${code} that you may see.`);
    return dossier;
  }

  async list(caller: Caller, query: DossierListQuery): Promise<Page<DossierSummary>> {
    const now = this.clock.now();
    const rows = await this.dossiers.page(listScope(caller, query.agencyCode), query, now);
    const page = toPage(rows, query.limit, (last) => ({ receivedAt: last.receivedAt.toISOString(), code: last.code }));
    return { items: page.items.map((d) => summary(d, now)), nextCursor: page.nextCursor };
  }

  /** The progress a page at a time, oldest first (by time, then the order recorded). */
  async progressPage(code: string, query: PageQuery): Promise<Page<DossierProgressEntryView>> {
    // The cursor names the last entry shown.
    const after = query.cursor ? decodeCursor(query.cursor, { id: 'digits' }).id : undefined;
    const rows = await this.history.page(code, query.limit, after);
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toProgressEntry), nextCursor: page.nextCursor };
  }
}

/**
 * The dossiers a caller lists: admins all (of `agencyCode` when named); officers those of their
 * agencies (403 for an agency they do not act for); anyone else their own.
 */
function listScope(caller: Caller, agencyCode: string | undefined): DossierScope {
  if (IntakeAccess.readDossier.seesEveryDossier(caller)) return { agencyCode };
  if (!IntakeAccess.readDossier.readsForAgencies(caller)) return { ownerSubject: caller.subject };
  const agencies = agencyCode ? [agencyCode].filter((a) => caller.agencyCodes.includes(a)) : caller.agencyCodes;
  if (agencyCode && agencies.length === 0) {
    throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${agencyCode}.`);
  }
  return { agencyCodes: agencies };
}

function toProgressEntry(row: HistoryRow): DossierProgressEntryView {
  return {
    status: row.status,
    nationalStatusCode: row.national_status,
    ...historyStepView(row),
    appointmentAt: formatLocal(new Date(row.appointment_at)),
  };
}

function summary(dossier: Dossier, now: Date): DossierSummary {
  return {
    code: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureName: dossier.procedureName,
    agencyCode: dossier.receivingAgencyCode,
    applicantName: dossier.applicantName,
    channel: dossier.channel,
    receivedAt: formatLocal(dossier.receivedAt),
    appointmentAt: formatLocal(dossier.appointmentAt),
    dueAt: formatLocal(dossier.dueAt),
    status: dossier.status,
    nationalStatusCode: dossier.nationalStatus,
    overdue: isOverdue(dossier, now),
  };
}
