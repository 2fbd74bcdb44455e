import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type DossierStatus, formatLocal, nationalStatusCode, type ProgressAction, RATABLE_STATUSES, WITHDRAWABLE_STATUSES } from '@onestop/domain';
import { type Caller, Clock, OutboxService, ProblemException } from '@onestop/platform';
import type { RateDossierRequest, SubmitSupplementRequest, WithdrawDossierRequest } from './dossier.dto.js';
import type { Dossier, StoredDocument } from './dossier.entity.js';
import { CatalogClient } from '../clients/catalog.client.js';
import { LOOKUP_CODE_SUBJECT } from '../documents/document.views.js';
import { type ApplicantProof } from '../lookup/lookup-code.js';
import { pendingRequest, providedDocuments, stillMissing, suppliedItems, unknownFiles, unknownRequirements } from './supplement-answers.js';

import { WorkflowClient } from '../clients/workflow.client.js';
import { DossiersService } from './dossiers.service.js';
import { type DossierRatingResult, type DossierView, toDossierView } from './dossier.views.js';
import { sameSecret } from './lookup-secret.js';
import { dossierLookup, LookupAttempts } from '../lookup/lookup-attempts.js';
import { DossierFilesRepository } from '../documents/dossier-files.repository.js';
import { DossierHistoryRepository } from './dossier-history.repository.js';
import { DossiersRepository } from './dossiers.repository.js';
import { SupplementsRepository } from './supplements.repository.js';
import { IntakeAccess } from '../access-policy.js';

function notWithdrawable(status: DossierStatus): ProblemException {
  return ProblemException.conflict('dossier-not-withdrawable', `A dossier in status ${status} can no longer be withdrawn.`, { currentStatus: status });
}

/** What the applicant does after reception: supplement, withdraw, rate. */
@Injectable()
export class ApplicantActionsService {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly records: DossiersRepository,
    private readonly history: DossierHistoryRepository,
    private readonly supplements: SupplementsRepository,
    private readonly files: DossierFilesRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly workflow: WorkflowClient,
    private readonly attempts: LookupAttempts,
    private readonly catalog: CatalogClient,
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
      await this.records.recordWithdrawal(code, dossier.status, dossier.nationalStatus, withdrawal.sequence, tx.manager);
      await tx.publish('DossierWithdrawn', { dossierCode: code, withdrawnAt: withdrawal.withdrawnAt, reason: request.reason, receivingAgencyCode: dossier.receivingAgencyCode });
      return toDossierView(dossier);
    });
  }

  /**
   * The applicant's answer to a supplement request (form 02), by the applicant or an officer on
   * their behalf, or by whoever holds the lookup code (an applicant at the counter or by post).
   * Each item it supplies must be one the request asks for (422 `not-requested` naming the
   * field); the files named must be the dossier's (422 `unknown-file`). What came joins the
   * dossier's documents and the request's record. An answer that leaves items missing is taken
   * and shown with what is still missing: the dossier stays `supplement_requested` and the clock
   * stopped, as the law has it, until an answer completes the request; then workflow resumes.
   * SupplementReceived tells workflow either way.
   */
  async supplement(applicant: ApplicantProof, code: string, request: SubmitSupplementRequest): Promise<DossierView> {
    return this.outbox.transaction(async (tx) => {
      const dossier = await this.forApplicantOrCode(applicant, code, tx.manager);
      if (dossier.status !== 'supplement_requested') {
        throw ProblemException.conflict('supplement-not-requested', `No supplement was requested: the dossier is in status ${dossier.status}.`, { currentStatus: dossier.status });
      }
      const now = this.clock.now();
      const requests = dossier.supplementRequests ?? [];
      const pending = pendingRequest(requests);
      const items = suppliedItems(request, pending);
      const named = [...new Set(items.flatMap((i) => i.fileIds))];
      unknownFiles(request, named.length === 0 ? new Set() : await this.files.existingIds(code, named, tx.manager));
      // The documents that came join the dossier's, named and formed as the procedure lists them.
      const listed = items.some((i) => i.requirement !== null) ? (await this.catalog.procedureVersion(dossier.procedureCode, dossier.procedureVersionNo)).procedure.documents : [];
      if (!pending) unknownRequirements(items, listed.length);
      const supplied: StoredDocument[] = items.flatMap((i) => {
        if (i.requirement === null) return [];
        const required = listed[i.requirement - 1];
        return [{ requirement: i.requirement, quantity: i.quantity, form: i.form ?? required.form, name: required.name, requiredForm: required.form, supplementedAt: now.toISOString(), fileIds: i.fileIds }];
      });
      const outstanding = pending ? stillMissing(pending, items) : [];
      const complete = outstanding.length === 0;
      dossier.documents = [...dossier.documents, ...supplied];
      dossier.supplementRequests = requests.map((r) =>
        r === pending ? { ...r, answers: [...r.answers, { receivedAt: now.toISOString(), items, note: request.note ?? null, complete }], completedAt: complete ? now.toISOString() : null } : r,
      );
      await this.records.update(code, { documents: dossier.documents, supplementRequests: dossier.supplementRequests }, tx.manager);
      await this.supplements.insert(
        { id: randomUUID(), dossierCode: code, receivedAt: now, documents: items, note: request.note ?? null, submittedBy: applicant.caller?.subject ?? LOOKUP_CODE_SUBJECT },
        tx.manager,
      );
      if (complete) {
        dossier.clockStoppedAt = null;
        await this.records.update(code, { clockStoppedAt: null }, tx.manager);
        await this.changeStatus(tx.manager, dossier, 'processing', now, 'Nhận hồ sơ bổ sung', 'supplement_received');
      }
      await tx.publish('SupplementReceived', {
        dossierCode: code,
        receivedAt: now.toISOString(),
        documents: providedDocuments(items),
        note: request.note ?? null,
        items,
        complete,
        outstanding,
      });
      return toDossierView(dossier, now);
    });
  }

  /**
   * Rating once the result is ready, proven by the lookup code on the receipt: counter
   * applicants have no account, and rate at a kiosk or from home with the receipt.
   */
  async rate(code: string, lookupSecret: string, request: RateDossierRequest): Promise<DossierRatingResult> {
    return this.outbox.transaction(async (tx) => {
      const dossier = await this.records.find(code, tx.manager, true);
      if (!dossier || !sameSecret(lookupSecret, dossier.lookupSecret)) {
        throw await this.attempts.refused(dossierLookup(code), ProblemException.notFound('dossier-not-found', 'No dossier with this code and lookup code.'));
      }
      await this.attempts.opened(dossierLookup(code));
      if (!RATABLE_STATUSES.includes(dossier.status)) {
        throw ProblemException.conflict('dossier-not-ratable', 'The service is rated once the result is ready.', { currentStatus: dossier.status });
      }
      if (dossier.ratingScore !== null) throw ProblemException.conflict('dossier-already-rated', 'This dossier has been rated already; a rating is given once.');
      const now = this.clock.now();
      await this.records.update(code, { ratingScore: request.score, ratingComment: request.comment ?? null, ratedAt: now }, tx.manager);
      await tx.publish('DossierRated', { dossierCode: code, receivingAgencyCode: dossier.receivingAgencyCode, score: request.score, ratedAt: now.toISOString() });
      return { code, rating: { score: request.score, comment: request.comment ?? null, ratedAt: formatLocal(now) } };
    });
  }

  /**
   * The dossier, locked, for whoever acts for its applicant: signed in, as `forApplicant`; with
   * the lookup code, the dossier it opens (a wrong code and an unknown dossier are the same 404,
   * counted towards the dossier's lookup limit).
   */
  private async forApplicantOrCode(applicant: ApplicantProof, code: string, manager: EntityManager): Promise<Dossier> {
    if (applicant.secret === undefined) return this.forApplicant(applicant.caller, code, manager);
    return this.dossiers.readableBy(applicant, code, manager, true);
  }

  private async forApplicant(caller: Caller, code: string, manager?: EntityManager): Promise<Dossier> {
    const dossier = await this.dossiers.visible(caller, code, manager, manager !== undefined);
    if (!IntakeAccess.actForApplicant.allows(caller, dossier)) {
      throw new ProblemException(403, 'not-the-applicant', 'Forbidden', 'Only the applicant, or a reception officer of the receiving agency on their behalf, may do this.');
    }
    return dossier;
  }

  private async changeStatus(manager: EntityManager, dossier: Dossier, status: DossierStatus, at: Date, content: string, action: ProgressAction): Promise<void> {
    dossier.status = status;
    dossier.nationalStatus = nationalStatusCode(status);
    await this.records.update(dossier.code, { status, nationalStatus: dossier.nationalStatus }, manager);
    await this.history.append(
      {
        dossierCode: dossier.code,
        status,
        nationalStatus: dossier.nationalStatus,
        at,
        unitCode: dossier.receivingAgencyCode,
        unitName: dossier.receivingAgencyName,
        action,
        content,
        appointmentAt: dossier.appointmentAt,
        dueAt: dossier.dueAt,
      },
      manager,
    );
  }
}
