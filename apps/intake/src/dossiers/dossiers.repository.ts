import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, QueryDeepPartialEntity, Repository } from 'typeorm';
import type { DossierStatus } from '@onestop/domain';
import { decodeCursor, whereTextMatches } from '@onestop/platform';
import type { DossierListQuery } from './dossier.dto.js';
import { Dossier, type StoredApology, type StoredSupplementRequest } from './dossier.entity.js';
import { OPEN_STATUSES, OVERDUE_SQL } from './lateness.js';

/** Which dossiers a list may hold: of some agencies (receiving or competent), of one owner, or all (of one agency when named). */
export type DossierScope = { agencyCodes: string[] } | { ownerSubject: string } | { agencyCode?: string };

/** What a complaint naming a dossier is checked against. */
export interface DossierAgenciesAndSecret {
  lookup_secret: string;
  receiving_agency_code: string;
  competent_agency_code: string;
}

/** A dossier's current status, as a status change from workflow finds it. */
export interface DossierStatusRow {
  status: DossierStatus;
  status_sequence: number;
  clock_stopped_at: Date | null;
  supplement_requests: StoredSupplementRequest[];
  apology: StoredApology | null;
  receiving_agency_code: string;
  receiving_agency_name: string;
}

/** A status change from workflow as the dossier keeps it. */
export interface DossierStatusChange {
  status: DossierStatus;
  nationalStatus: number;
  sequence: number;
  appointmentAt: string | Date;
  dueAt: string | Date;
  clockStoppedAt: Date | null;
  supplementRequests: StoredSupplementRequest[];
  apology: StoredApology | null;
}

/** Every statement on the dossiers themselves (`dossiers`). */
@Injectable()
export class DossiersRepository {
  constructor(@InjectRepository(Dossier) private readonly dossiers: Repository<Dossier>) {}

  /** With `lock`, the row stays locked until the caller's transaction ends. */
  find(code: string, manager?: EntityManager, lock = false): Promise<Dossier | null> {
    const repository = manager ? manager.getRepository(Dossier) : this.dossiers;
    return repository.findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findFromPortal(externalId: string): Promise<Dossier | null> {
    return this.dossiers.findOneBy({ source: 'national_portal', externalId });
  }

  async insert(dossier: Dossier, manager: EntityManager): Promise<void> {
    await manager.insert(Dossier, dossier);
  }

  async update(code: string, changes: QueryDeepPartialEntity<Dossier>, manager: EntityManager): Promise<void> {
    await manager.update(Dossier, { code }, changes);
  }

  /** Withdrawn in workflow's sequence `sequence`: a status change of the same sequence that arrived first is not undone. */
  async recordWithdrawal(code: string, status: DossierStatus, nationalStatus: number, sequence: number, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE dossiers SET status = $2, national_status = $3, status_sequence = GREATEST(status_sequence, $4), updated_at = now() WHERE code = $1`, [
      code,
      status,
      nationalStatus,
      sequence,
    ]);
  }

  /** What a status change from workflow is judged against, the row locked until the caller's transaction ends. */
  async statusForUpdate(code: string, manager: EntityManager): Promise<DossierStatusRow | undefined> {
    const [row] = (await manager.query(
      `SELECT status, status_sequence, clock_stopped_at, supplement_requests, apology, receiving_agency_code, receiving_agency_name FROM dossiers WHERE code = $1 FOR UPDATE`,
      [code],
    )) as DossierStatusRow[];
    return row;
  }

  /** Workflow's status change `change.sequence`, with what came with it. */
  async applyStatusChange(code: string, change: DossierStatusChange, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE dossiers SET status = $2, national_status = $3, appointment_at = $4, due_at = $6, status_sequence = $5, clock_stopped_at = $7,
              supplement_requests = $8::jsonb, apology = $9::jsonb, updated_at = now()
        WHERE code = $1`,
      [
        code, change.status, change.nationalStatus, change.appointmentAt, change.sequence, change.dueAt, change.clockStoppedAt,
        JSON.stringify(change.supplementRequests), change.apology ? JSON.stringify(change.apology) : null,
      ],
    );
  }

  async agenciesAndSecret(code: string, manager: EntityManager): Promise<DossierAgenciesAndSecret | undefined> {
    const [row] = (await manager.query(`SELECT lookup_secret, receiving_agency_code, competent_agency_code FROM dossiers WHERE code = $1`, [code])) as DossierAgenciesAndSecret[];
    return row;
  }

  /** One more than a page of the list, newest received first, from `query`'s cursor. */
  async page(scope: DossierScope, query: DossierListQuery, now: Date): Promise<Dossier[]> {
    const builder = this.dossiers.createQueryBuilder('d').orderBy('d.received_at', 'DESC').addOrderBy('d.code', 'DESC').limit(query.limit + 1);
    if ('agencyCodes' in scope) {
      builder.andWhere('(d.receiving_agency_code = ANY(:agencies) OR d.competent_agency_code = ANY(:agencies))', { agencies: scope.agencyCodes });
    } else if ('ownerSubject' in scope) {
      builder.andWhere('d.owner_subject = :owner', { owner: scope.ownerSubject });
    } else if (scope.agencyCode) {
      builder.andWhere('(d.receiving_agency_code = :agency OR d.competent_agency_code = :agency)', { agency: scope.agencyCode });
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
    if (query.overdue !== undefined) {
      // Late against the due date, as the dossier view, the case and the worklist count it (isOverdue).
      builder.andWhere(`${query.overdue ? '' : 'NOT '}${OVERDUE_SQL}`, { now, open: OPEN_STATUSES });
    }
    if (query.q?.trim()) {
      const text = query.q.trim();
      if (/^\d{3}\.\d{2}/.test(text)) builder.andWhere('d.code LIKE :codePrefix', { codePrefix: `${text.replace(/[\\%_]/g, '\\$&')}%` });
      else whereTextMatches(builder, 'd.applicant_name', text);
    }
    return builder.getMany();
  }
}
