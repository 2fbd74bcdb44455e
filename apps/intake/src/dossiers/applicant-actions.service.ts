import { Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type DossierStatus, formatLocal, nationalStatusCode, RATABLE_STATUSES, WITHDRAWABLE_STATUSES } from '@onestop/domain';
import { type Caller, Clock, OutboxService, ProblemException } from '@onestop/platform';
import type { RateDossierRequest, SubmitSupplementRequest, WithdrawDossierRequest } from './dossier.dto.js';
import { Dossier } from './dossier.entity.js';
import { WorkflowClient } from '../clients/workflow.client.js';
import { DossiersService, mayActForApplicant } from './dossiers.service.js';
import { type DossierRatingResult, type DossierView, toDossierView } from './dossier.views.js';

function notWithdrawable(status: DossierStatus): ProblemException {
  return ProblemException.conflict('dossier-not-withdrawable', `A dossier in status ${status} can no longer be withdrawn.`, { currentStatus: status });
}

export function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered.toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the applicant does after reception: supplement, withdraw, rate. */
@Injectable()
export class ApplicantActionsService {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly workflow: WorkflowClient,
  ) {}

  /**
   * Withdrawal (rút hồ sơ) before the result. Workflow owns the case's state and decides, under
   * the case's lock (a result issued at the same moment is judged before or after, never both);
   * this service shows the answer at once and announces DossierWithdrawn. The progress entry
   * comes with workflow's status change, in its sequence, so the feed never goes back in time.
   */
  async withdraw(caller: Caller, code: string, request: WithdrawDossierRequest): Promise<DossierView> {
    const current = await this.forApplicant(caller, code);
    // What intake knows to be final already needs no question; anything else workflow judges.
    if (!WITHDRAWABLE_STATUSES.includes(current.status)) throw notWithdrawable(current.status);
    const withdrawal = await this.workflow.withdraw(code, request.reason);
    return this.outbox.transaction(async (tx) => {
      const dossier = await this.forApplicant(caller, code, tx.manager);
      // Final once workflow accepted it: nothing later in its sequence can supersede it, and its
      // own status change (the same sequence) may have arrived already.
      dossier.status = 'withdrawn';
      dossier.nationalStatus = nationalStatusCode('withdrawn');
      await tx.manager.query(`UPDATE dossiers SET status = $2, national_status = $3, status_sequence = GREATEST(status_sequence, $4), updated_at = now() WHERE code = $1`, [
        code,
        dossier.status,
        dossier.nationalStatus,
        withdrawal.sequence,
      ]);
      await tx.publish('DossierWithdrawn', { dossierCode: code, withdrawnAt: withdrawal.withdrawnAt, reason: request.reason, receivingAgencyCode: dossier.receivingAgencyCode });
      return toDossierView(dossier);
    });
  }

  /** The documents a supplement request (form 02) asked for; workflow resumes the clock. */
  async supplement(caller: Caller, code: string, request: SubmitSupplementRequest): Promise<DossierView> {
    return this.outbox.transaction(async (tx) => {
      const dossier = await this.forApplicant(caller, code, tx.manager);
      if (dossier.status !== 'supplement_requested') {
        throw ProblemException.conflict('supplement-not-requested', `No supplement was requested: the dossier is in status ${dossier.status}.`, { currentStatus: dossier.status });
      }
      const now = this.clock.now();
      await tx.manager.query(`INSERT INTO supplements (id, dossier_code, received_at, documents, note, submitted_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        randomUUID(),
        code,
        now,
        JSON.stringify(request.documents),
        request.note ?? null,
        caller.subject,
      ]);
      await this.changeStatus(tx.manager, dossier, 'processing', now, 'Nhận hồ sơ bổ sung');
      await tx.publish('SupplementReceived', { dossierCode: code, receivedAt: now.toISOString(), documents: request.documents, note: request.note ?? null });
      return toDossierView(dossier);
    });
  }

  /**
   * Rating once the result is ready, proven by the lookup code on the receipt: counter
   * applicants have no account, and rate at a kiosk or from home with the receipt.
   */
  async rate(code: string, lookupSecret: string, request: RateDossierRequest): Promise<DossierRatingResult> {
    return this.outbox.transaction(async (tx) => {
      const dossier = await tx.manager.getRepository(Dossier).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!dossier || !sameSecret(lookupSecret, dossier.lookupSecret)) throw ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.');
      if (!RATABLE_STATUSES.includes(dossier.status)) {
        throw ProblemException.conflict('dossier-not-ratable', 'The service is rated once the result is ready.', { currentStatus: dossier.status });
      }
      if (dossier.ratingScore !== null) throw ProblemException.conflict('dossier-already-rated', 'This dossier has been rated already; a rating is given once.');
      const now = this.clock.now();
      await tx.manager.update(Dossier, { code }, { ratingScore: request.score, ratingComment: request.comment ?? null, ratedAt: now });
      await tx.publish('DossierRated', { dossierCode: code, receivingAgencyCode: dossier.receivingAgencyCode, score: request.score, ratedAt: now.toISOString() });
      return { code, rating: { score: request.score, comment: request.comment ?? null, ratedAt: formatLocal(now) } };
    });
  }

  private async forApplicant(caller: Caller, code: string, manager?: EntityManager): Promise<Dossier> {
    const dossier = await this.dossiers.visible(caller, code, manager, manager !== undefined);
    if (!mayActForApplicant(caller, dossier)) {
      throw new ProblemException(403, 'not-the-applicant', 'Forbidden', 'Only the applicant, or a reception officer of the receiving agency on their behalf, may do this.');
    }
    return dossier;
  }

  private async changeStatus(manager: EntityManager, dossier: Dossier, status: DossierStatus, at: Date, content: string): Promise<void> {
    dossier.status = status;
    dossier.nationalStatus = nationalStatusCode(status);
    await manager.update(Dossier, { code: dossier.code }, { status, nationalStatus: dossier.nationalStatus });
    await manager.query(
      `INSERT INTO dossier_history (dossier_code, status, national_status, at, unit_code, unit_name, content, appointment_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [dossier.code, status, dossier.nationalStatus, at, dossier.receivingAgencyCode, dossier.receivingAgencyName, content, dossier.appointmentAt, dossier.dueAt],
    );
  }
}
