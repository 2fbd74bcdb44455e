import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type DossierStatus, formatLocal, type Role } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, type PageQuery, ProblemException, toPage, whereTextMatches } from '@onestop/platform';
import type { DossierListQuery } from './dossier.dto.js';
import { Dossier } from './dossier.entity.js';
import { type DossierProgressEntryView, type DossierSummary, type DossierView, toDossierView } from './dossier.views.js';
import { isOverdue, OPEN_STATUSES, OVERDUE_SQL } from './lateness.js';
import { sameSecret } from './lookup-secret.js';
import { dossierLookup, LookupAttempts } from '../lookup/lookup-attempts.js';
import type { ApplicantProof } from '../lookup/lookup-code.js';

interface HistoryRow {
  status: DossierStatus;
  national_status: number;
  at: Date;
  unit_code: string | null;
  unit_name: string | null;
  officer_name: string | null;
  officer_title: string | null;
  content: string;
  appointment_at: Date;
}

/** Officers see the dossiers their agencies receive or decide; citizens their own; admins all. */
export function maySee(caller: Caller, dossier: Pick<Dossier, 'ownerSubject' | 'receivingAgencyCode' | 'competentAgencyCode'>): boolean {
  if (caller.roles.includes('admin')) return true;
  if (caller.roles.includes('citizen') && dossier.ownerSubject === caller.subject) return true;
  const officer = caller.roles.some((role) => role === 'reception' || role === 'specialist' || role === 'leader');
  return officer && (caller.agencyCodes.includes(dossier.receivingAgencyCode) || caller.agencyCodes.includes(dossier.competentAgencyCode));
}

/**
 * Only the applicant (online) or a reception officer of the receiving agency acts for the
 * applicant: withdrawal, supplements, uploading documents.
 */
export function mayActForApplicant(caller: Caller, dossier: Pick<Dossier, 'ownerSubject' | 'receivingAgencyCode'>): boolean {
  if (caller.roles.includes('citizen') && dossier.ownerSubject === caller.subject) return true;
  return caller.roles.includes('reception') && caller.agencyCodes.includes(dossier.receivingAgencyCode);
}

/** Reading dossiers: one, a filtered page, the progress. */
@Injectable()
export class DossiersService {
  constructor(
    @InjectRepository(Dossier) private readonly dossiers: Repository<Dossier>,
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
    const repository = manager ? manager.getRepository(Dossier) : this.dossiers;
    const dossier = await repository.findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!dossier || !sameSecret(proof.secret, dossier.lookupSecret)) {
      throw await this.attempts.refused(dossierLookup(code), ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.'));
    }
    await this.attempts.opened(dossierLookup(code));
    return dossier;
  }

  /**
   * A dossier to read with the lookup code or a reader's credentials, on an operation whose roles
   * guard lets an anonymous request through: with the code, as `readableBy`; without, 401 with no
   * credential, 403 without one of `readers`, and 404 for a dossier the caller may not see.
   */
  async readableWithCodeOr(reader: { caller?: Caller; secret?: string }, code: string, readers: readonly Role[]): Promise<Dossier> {
    if (reader.secret !== undefined) return this.readableBy({ secret: reader.secret }, code);
    const { caller } = reader;
    if (!caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'This operation needs credentials (Authorization: Bearer <token>) or the lookup code from the receipt as `secret`.');
    }
    if (!caller.roles.some((role) => readers.includes(role))) {
      throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs one of the roles ${readers.join(', ')}, or the lookup code from the receipt as \`secret\`.`);
    }
    return this.visible(caller, code);
  }

  /** The dossier if the caller may see it; otherwise 404, so codes of others' dossiers leak nothing. */
  async visible(caller: Caller, code: string, manager?: EntityManager, lock = false): Promise<Dossier> {
    const repository = manager ? manager.getRepository(Dossier) : this.dossiers;
    const dossier = await repository.findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!dossier || !maySee(caller, dossier)) throw ProblemException.notFound('dossier-not-found', `No dossier ${code} that you may see.`);
    return dossier;
  }

  async list(caller: Caller, query: DossierListQuery): Promise<Page<DossierSummary>> {
    const builder = this.dossiers.createQueryBuilder('d').orderBy('d.received_at', 'DESC').addOrderBy('d.code', 'DESC').limit(query.limit + 1);
    if (!caller.roles.includes('admin')) {
      const officer = caller.roles.some((role) => role === 'reception' || role === 'specialist' || role === 'leader');
      if (officer) {
        const agencies = query.agencyCode ? [query.agencyCode].filter((a) => caller.agencyCodes.includes(a)) : caller.agencyCodes;
        if (query.agencyCode && agencies.length === 0) {
          throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not act for agency ${query.agencyCode}.`);
        }
        builder.andWhere('(d.receiving_agency_code = ANY(:agencies) OR d.competent_agency_code = ANY(:agencies))', { agencies });
      } else {
        builder.andWhere('d.owner_subject = :owner', { owner: caller.subject });
      }
    } else if (query.agencyCode) {
      builder.andWhere('(d.receiving_agency_code = :agency OR d.competent_agency_code = :agency)', { agency: query.agencyCode });
    }
    if (query.cursor) {
      const position = decodeCursor(query.cursor, { receivedAt: 'instant', code: 'string' });
      builder.andWhere('(d.received_at, d.code) < (:afterTime::timestamptz, :afterCode)', { afterTime: position.receivedAt, afterCode: position.code });
    }
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    if (query.procedureCode) builder.andWhere('d.procedure_code = :procedureCode', { procedureCode: query.procedureCode });
    if (query.channel) builder.andWhere('d.channel = :channel', { channel: query.channel });
    if (query.receivedFrom) builder.andWhere('d.received_at >= :receivedFrom', { receivedFrom: new Date(query.receivedFrom) });
    if (query.receivedTo) builder.andWhere('d.received_at < :receivedTo', { receivedTo: new Date(query.receivedTo) });
    const now = this.clock.now();
    if (query.overdue !== undefined) {
      // Late against the due date, as the dossier view, the case and the worklist count it (isOverdue).
      builder.andWhere(`${query.overdue ? '' : 'NOT '}${OVERDUE_SQL}`, { now, open: OPEN_STATUSES });
    }
    if (query.q?.trim()) {
      const text = query.q.trim();
      if (/^\d{3}\.\d{2}/.test(text)) builder.andWhere('d.code LIKE :codePrefix', { codePrefix: `${text.replace(/[\\%_]/g, '\\$&')}%` });
      else whereTextMatches(builder, 'd.applicant_name', text);
    }
    const rows = await builder.getMany();
    const page = toPage(rows, query.limit, (last) => ({ receivedAt: last.receivedAt.toISOString(), code: last.code }));
    return { items: page.items.map((d) => summary(d, now)), nextCursor: page.nextCursor };
  }

  async progress(code: string, manager?: EntityManager): Promise<DossierProgressEntryView[]> {
    const rows = (await (manager ?? this.dossiers.manager).query(
      `SELECT status, national_status, at, unit_code, unit_name, officer_name, officer_title, content, appointment_at
         FROM dossier_history WHERE dossier_code = $1 ORDER BY at, id`,
      [code],
    )) as HistoryRow[];
    return rows.map(toProgressEntry);
  }

  /** The progress a page at a time, oldest first (by time, then the order recorded). */
  async progressPage(code: string, query: PageQuery): Promise<Page<DossierProgressEntryView>> {
    // The cursor names the last entry shown; its time is read back exactly (microseconds).
    const after = query.cursor ? decodeCursor(query.cursor, { id: 'digits' }).id : undefined;
    const rows = (await this.dossiers.manager.query(
      `SELECT h.id::text AS id, h.status, h.national_status, h.at, h.unit_code, h.unit_name, h.officer_name, h.officer_title, h.content, h.appointment_at
         FROM dossier_history h
        WHERE h.dossier_code = $1
          ${after === undefined ? '' : 'AND (h.at, h.id) > (SELECT last.at, last.id FROM dossier_history last WHERE last.id = $3::bigint AND last.dossier_code = $1)'}
        ORDER BY h.at, h.id LIMIT $2`,
      after === undefined ? [code, query.limit + 1] : [code, query.limit + 1, after],
    )) as Array<HistoryRow & { id: string }>;
    const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toProgressEntry), nextCursor: page.nextCursor };
  }
}

function toProgressEntry(row: HistoryRow): DossierProgressEntryView {
  return {
    status: row.status,
    nationalStatusCode: row.national_status,
    at: formatLocal(new Date(row.at)),
    unitCode: row.unit_code,
    unitName: row.unit_name,
    officerName: row.officer_name,
    officerTitle: row.officer_title,
    content: row.content,
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
