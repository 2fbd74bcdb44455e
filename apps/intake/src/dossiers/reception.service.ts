import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Counter } from 'prom-client';
import {
  type Channel,
  type DossierStatus,
  formatDossierCode,
  type MissingDocument,
  type ReceptionRefusal,
  missingDocuments,
  nationalStatusCode,
  ONLINE_REGISTRATION_NOTE,
  processingMinutes,
  RECEPTION_NOTES,
  receptionRefusals,
  toLocalIsoDate,
} from '@onestop/domain';
import {
  type Caller,
  canonicalJson,
  Clock,
  type FieldProblem,
  IdempotencyService,
  type IdempotentOutcome,
  Metrics,
  OutboxService,
  type OutboxTransaction,
  ProblemException,
  requestFingerprint,
} from '@onestop/platform';
import { type AgencySummary, type Appointment, CatalogClient, type ProcedureVersion } from '../clients/catalog.client.js';
import type { SubmitDossierRequest } from './dossier.dto.js';
import { Dossier, type DossierSource, type StoredDocument } from './dossier.entity.js';
import { type DossierView, toDossierView } from './dossier.views.js';
import { newLookupSecret } from './lookup-secret.js';
import { DossierHistoryRepository } from './dossier-history.repository.js';
import { DossierSequencesRepository } from './dossier-sequences.repository.js';
import { DossiersRepository } from './dossiers.repository.js';
import { IntakeAccess } from '../access-policy.js';
import { DocumentStoreService, type Reuse } from '../document-store/document-store.service.js';

/** What the national portal pushes: a dossier without channel and time (always online, now), and the portal's code. */
export type PortalDossierPush = Omit<SubmitDossierRequest, 'channel' | 'receivedAt'> & { externalId: string };

/**
 * Where a second push of a portal dossier differs from the one received: the fields that name
 * the dossier compared one by one, and the whole push by its fingerprint (kept since pushes
 * carry one; older dossiers are compared on those fields alone).
 */
function portalPushDifferences(received: Dossier, pushed: Omit<PortalDossierPush, 'externalId'>, fingerprint: string): FieldProblem[] {
  const same = (a: unknown, b: unknown) => canonicalJson(JSON.parse(JSON.stringify(a ?? null))) === canonicalJson(JSON.parse(JSON.stringify(b ?? null)));
  const differences: FieldProblem[] = [];
  if (received.procedureCode !== pushed.procedureCode) differences.push({ field: 'procedureCode', reason: `was ${received.procedureCode} when the dossier was received` });
  if (received.receivingAgencyCode !== pushed.agencyCode) differences.push({ field: 'agencyCode', reason: `was ${received.receivingAgencyCode} when the dossier was received` });
  if (!same(received.applicant, pushed.applicant)) differences.push({ field: 'applicant', reason: 'differs from the applicant of the dossier received' });
  if (!same(received.resultDelivery, pushed.resultDelivery)) differences.push({ field: 'resultDelivery', reason: 'differs from the dossier received' });
  if (differences.length === 0 && received.sourceRequestHash !== null && received.sourceRequestHash !== fingerprint) {
    differences.push({ field: 'body', reason: 'differs from the push the dossier was received from' });
  }
  return differences;
}

export interface ReceptionAssessment {
  receivedAt: Date;
  version: ProcedureVersion;
  agency: AgencySummary;
  refusals: ReceptionRefusal[];
  missing: MissingDocument[];
}

/** A dossier as it arrives: who hands it in, on which channel, and what the portal's push said of it. */
interface Arrival {
  caller: Caller;
  request: SubmitDossierRequest;
  source: DossierSource;
  externalId: string | null;
  pushed?: { hashed: unknown; fingerprint: string };
}

/** The appointment and the working time it was counted with. */
interface CountedAppointment extends Appointment {
  minutes: number;
}

/** How far back a postal hand-over may be recorded, and the clock skew tolerated ahead. */
const POST_HANDOVER_MAX_AGE_MS = 30 * 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/** Who receives on which channel: citizens online, reception officers at the counter and for post. */
function sourceFor(caller: Caller, request: SubmitDossierRequest): DossierSource {
  const source = IntakeAccess.receiveDossier.sourceOn(caller, request.channel);
  if (!source) {
    const why = request.channel === 'online' ? 'Online dossiers are submitted by the applicant (role citizen).' : `A ${request.channel} dossier is recorded by a reception officer${request.channel === 'post' ? ' or the postal operator' : ''}.`;
    throw new ProblemException(403, 'channel-not-permitted', 'Forbidden', why);
  }
  if (source === 'officer' && !IntakeAccess.receiveDossier.receivesFor(caller, request.agencyCode)) {
    throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `You do not receive dossiers for agency ${request.agencyCode}.`);
  }
  return source;
}

/**
 * Reception (tiếp nhận): the checks an officer makes, the dossier code, the appointment date
 * from the version in force and the calendar, and DossierReceived, all or nothing.
 */
@Injectable()
export class ReceptionService {
  private readonly received: Counter<'channel' | 'source'>;

  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly history: DossierHistoryRepository,
    private readonly sequences: DossierSequencesRepository,
    private readonly catalog: CatalogClient,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly store: DocumentStoreService,
  ) {
    this.received = metrics.counter({
      name: 'dossiers_received_total',
      help: 'Dossiers received (tiếp nhận), by channel (counter, online, post) and who handed them in (officer, citizen, national_portal, postal); retries under an Idempotency-Key count once.',
      labelNames: ['channel', 'source'],
    });
  }

  async submit(caller: Caller, request: SubmitDossierRequest, idempotencyKey?: string): Promise<IdempotentOutcome<DossierView>> {
    return this.receive({ caller, request, source: sourceFor(caller, request), externalId: null }, idempotencyKey);
  }

  /**
   * A dossier submitted on the National Public Service Portal, pushed by its sync job: an online
   * dossier, known by the portal's code, received once however often the job retries.
   */
  async receiveFromPortal(caller: Caller, request: PortalDossierPush, idempotencyKey: string): Promise<IdempotentOutcome<DossierView>> {
    const { externalId, ...dossier } = request;
    const fingerprint = requestFingerprint(request);
    const existing = async () => {
      const received = await this.dossiers.findFromPortal(externalId);
      if (!received) return undefined;
      // The same portal dossier again (a retry under a new key): the one received. Another
      // content under its code is the portal's mistake or an attack, never silently the old one.
      const differences = portalPushDifferences(received, dossier, fingerprint);
      if (differences.length > 0) {
        throw ProblemException.conflict('external-id-conflict', `The portal's dossier ${externalId} was received as ${received.code} with other content; a push cannot change it.`, {
          dossierCode: received.code,
          errors: differences,
        });
      }
      return { result: toDossierView(received), replayed: true };
    };
    const known = await existing();
    if (known) return known;
    try {
      // The key covers the whole push, externalId included: the same key for another portal dossier is a 409.
      return await this.receive(
        { caller, request: { ...dossier, channel: 'online' }, source: 'national_portal', externalId, pushed: { hashed: request, fingerprint } },
        idempotencyKey,
      );
    } catch (error) {
      // Two pushes of one portal dossier raced: the unique index let one in; answer with it.
      if ((error as { code?: string }).code === '23505' || (error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        const raced = await existing();
        if (raced) return raced;
      }
      throw error;
    }
  }

  /**
   * Receives the dossier once per idempotency key: assessed, refused or sent back for its missing
   * documents, its appointment counted, then created, its reception recorded in its progress
   * and announced, all in one transaction.
   */
  private async receive(arrival: Arrival, idempotencyKey: string | undefined): Promise<IdempotentOutcome<DossierView>> {
    const scope = `dossiers:${arrival.caller.subject}`;
    const keyed = arrival.pushed?.hashed ?? arrival.request;
    const replayed = await this.idempotency.replay<DossierView>(scope, idempotencyKey, keyed);
    if (replayed) return { result: replayed, replayed: true };

    const assessment = await this.assess(arrival.request);
    refuseOrAskForMissing(assessment);
    const reuses = await this.reusedDocuments(arrival, assessment.version);
    const appointment = await this.countAppointment(assessment);

    return this.outbox.transaction((tx) =>
      this.idempotency.once(tx.manager, scope, idempotencyKey, keyed, async () => {
        const dossier = await this.createDossier(tx.manager, arrival, assessment, appointment);
        if (reuses.length > 0) await this.attachReused(tx.manager, dossier, reuses, arrival.caller);
        await this.recordReceptionProgress(tx.manager, dossier, arrival.caller);
        await announce(tx, dossier, assessment.version);
        this.metrics.countOnCommit(tx.manager, this.received, { channel: dossier.channel, source: arrival.source });
        return toDossierView({ ...dossier, createdAt: dossier.receivedAt });
      }),
    );
  }

  /**
   * The documents the request takes from the applicant's store (`storedDocumentId`) instead of
   * having them handed in again, each judged against the required document it stands for.
   */
  private async reusedDocuments(arrival: Arrival, version: ProcedureVersion): Promise<Reuse[]> {
    const wanted = arrival.request.documents.flatMap((d, index) =>
      d.storedDocumentId ? [{ index, requirement: d.requirement, requirementName: version.procedure.documents[d.requirement - 1].name, storedDocumentId: d.storedDocumentId }] : [],
    );
    return wanted.length === 0 ? [] : this.store.reusable(arrival.caller, arrival.request.applicant.idNumber, wanted);
  }

  /** Reused documents become files of the new dossier (the store's bytes, not a copy), each named on the document it stands for. */
  private async attachReused(manager: EntityManager, dossier: Dossier, reuses: Reuse[], caller: Caller): Promise<void> {
    const fileIds = await this.store.attachReused(manager, dossier, reuses, { subject: caller.subject, name: caller.name ?? null });
    dossier.documents = dossier.documents.map((d) => (fileIds.has(d.requirement) ? { ...d, fileIds: [...(d.fileIds ?? []), fileIds.get(d.requirement)!] } : d));
    await manager.update(Dossier, { code: dossier.code }, { documents: dossier.documents });
  }

  /** The appointment from the calendar, counted in working time from reception. */
  private async countAppointment({ receivedAt, version }: ReceptionAssessment): Promise<CountedAppointment> {
    const minutes = processingMinutes(version.procedure.processingTime);
    return { minutes, ...(await this.catalog.appointment(receivedAt, minutes)) };
  }

  /** The dossier under the agency's next code of the day, in its initial status. */
  private async createDossier(manager: EntityManager, arrival: Arrival, assessment: ReceptionAssessment, appointment: CountedAppointment): Promise<Dossier> {
    const { caller, request, source } = arrival;
    const { receivedAt, version, agency } = assessment;
    const code = formatDossierCode(request.agencyCode, receivedAt, await this.nextSequence(manager, request.agencyCode, toLocalIsoDate(receivedAt)));
    const status = initialStatus(request, source, version);
    const dossier = manager.create(Dossier, {
      code,
      lookupSecret: newLookupSecret(),
      procedureCode: version.code,
      procedureVersionNo: version.versionNo,
      procedureName: version.procedure.name,
      fieldCode: version.procedure.fieldCode,
      levelCode: version.procedure.levelCode,
      receivingAgencyCode: agency.code,
      receivingAgencyName: agency.name,
      competentAgencyCode: version.procedure.competentAgencyCode,
      channel: request.channel,
      source,
      externalId: arrival.externalId,
      sourceRequestHash: arrival.pushed?.fingerprint ?? null,
      applicant: request.applicant,
      applicantName: request.applicant.name,
      ownerSubject: source === 'citizen' ? caller.subject : null,
      receivedBy: caller.subject,
      receivedAt,
      countingFrom: appointment.countingFrom,
      appointmentAt: appointment.appointmentAt,
      dueAt: appointment.appointmentAt,
      processingMinutes: appointment.minutes,
      resultDelivery: request.resultDelivery,
      documents: storedDocuments(request, version),
      onTheSpot: version.procedure.onTheSpotEligible && request.channel === 'counter',
      feesPaidOnline: request.feesPaidOnline,
      status,
      nationalStatus: nationalStatusCode(status),
      statusSequence: 0,
      ratingScore: null,
      ratingComment: null,
      ratedAt: null,
    });
    await this.dossiers.insert(dossier, manager);
    return dossier;
  }

  /** The first step of the progress: received at the agency (by the officer at the counter), or registered online. */
  private async recordReceptionProgress(manager: EntityManager, dossier: Dossier, caller: Caller): Promise<void> {
    const byOfficer = dossier.source === 'officer';
    await this.history.append(
      {
        dossierCode: dossier.code,
        status: dossier.status,
        nationalStatus: dossier.nationalStatus,
        at: dossier.receivedAt,
        unitCode: dossier.receivingAgencyCode,
        unitName: dossier.receivingAgencyName,
        officerName: byOfficer ? (caller.name ?? null) : null,
        officerTitle: byOfficer ? 'Công chức một cửa' : null,
        action: awaitsAcceptance(dossier) ? 'register' : 'receive',
        content: awaitsAcceptance(dossier) ? ONLINE_REGISTRATION_NOTE : receptionNote(dossier.channel),
        appointmentAt: dossier.appointmentAt,
        dueAt: dossier.dueAt,
      },
      manager,
    );
  }

  /** Post dossiers are received when the postal worker handed them over; the rest, now. */
  private receiptTime(request: SubmitDossierRequest): Date {
    const now = this.clock.now();
    if (request.receivedAt === undefined) return now;
    if (request.channel !== 'post') {
      throw ProblemException.badRequest('validation-failed', 'receivedAt is given only for post dossiers (the hand-over time).', [
        { field: 'receivedAt', reason: 'is only for the post channel; other dossiers are received now' },
      ]);
    }
    const receivedAt = new Date(request.receivedAt);
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS || receivedAt.getTime() < now.getTime() - POST_HANDOVER_MAX_AGE_MS) {
      throw ProblemException.unprocessable('invalid-handover-time', 'The hand-over time must be within the last 30 days and not in the future.', [
        { field: 'receivedAt', reason: 'must be within the last 30 days and not in the future' },
      ]);
    }
    return receivedAt;
  }

  /**
   * The checks at reception without receiving anything: what refuses the dossier (form 03) and
   * what is missing from it (form 02). Submission and the counter's pre-check share it.
   */
  async assess(request: SubmitDossierRequest): Promise<ReceptionAssessment> {
    const receivedAt = this.receiptTime(request);
    const [version, agency] = await Promise.all([this.catalog.procedureInForce(request.procedureCode, toLocalIsoDate(receivedAt)), this.catalog.agency(request.agencyCode)]);
    const refusals = receptionRefusals({
      procedure: version.procedure,
      acceptsDossiers: version.acceptsDossiers,
      channel: request.channel,
      agencyCode: request.agencyCode,
      agencyOnlineOnlyWeekdays: agency.onlineOnlyWeekdays,
      receivedAt,
      delivery: request.resultDelivery.method,
      documents: request.documents,
    });
    // Documents are only counted once the request names no document outside the list.
    const missing = refusals.length > 0 ? [] : missingDocuments(version.procedure, request.documents);
    return { receivedAt, version, agency, refusals, missing };
  }

  /** Who may receive on the request's channel; throws 403 otherwise. */
  authorise(caller: Caller, request: SubmitDossierRequest): void {
    sourceFor(caller, request);
  }

  /** The next number of the agency's daily sequence, within the four digits the code has for it. */
  private async nextSequence(manager: EntityManager, agencyCode: string, day: string): Promise<number> {
    const next = await this.sequences.next(agencyCode, day, manager);
    if (next > 9999) {
      throw new ProblemException(503, 'daily-sequence-exhausted', 'Service unavailable', `Agency ${agencyCode} has received 9,999 dossiers today; the code format allows no more.`);
    }
    return next;
  }
}

/** A dossier the checks refuse is answered with the reasons (form 03); one missing documents, with what is missing (form 02). */
function refuseOrAskForMissing({ refusals, missing, version }: ReceptionAssessment): void {
  if (refusals.length > 0) {
    throw ProblemException.unprocessable(
      refusals[0].code,
      refusals.map((r) => r.reason).join('; '),
      refusals.map(({ field, reason }) => ({ field, reason })),
    );
  }
  if (missing.length > 0) {
    // Not received: the officer hands the applicant a supplement request (form 02) listing these.
    throw new ProblemException(422, 'documents-missing', 'Unprocessable content', `Required documents are missing: ${missing.map((m) => m.name).join('; ')}.`, {
      errors: missing.map((m) => ({ field: 'documents', reason: `missing ${m.quantity} × ${m.name} (requirement ${m.requirement})` })),
      missingDocuments: missing,
      procedure: { code: version.code, versionNo: version.versionNo, name: version.procedure.name },
    });
  }
}

/** The documents handed in, named and formed as the procedure lists them. */
function storedDocuments(request: SubmitDossierRequest, version: ProcedureVersion): StoredDocument[] {
  return request.documents.map((d) => {
    const required = version.procedure.documents[d.requirement - 1];
    return { requirement: d.requirement, quantity: d.quantity, form: d.form ?? required.form, name: required.name, requiredForm: required.form };
  });
}

/**
 * Submitted online (by the applicant or through the national portal): newly registered (status
 * 1) until the one-stop desk accepts it, unless the procedure accepts online dossiers by itself.
 * An officer at the counter or the postal worker has checked it already.
 */
function initialStatus(request: SubmitDossierRequest, source: DossierSource, version: ProcedureVersion): DossierStatus {
  const awaitingAcceptance = request.channel === 'online' && (source === 'citizen' || source === 'national_portal') && version.procedure.acceptsOnlineAutomatically !== true;
  return awaitingAcceptance ? 'registered' : 'accepted';
}

/** A dossier just received waits for the one-stop desk when it was only registered. */
function awaitsAcceptance(dossier: Dossier): boolean {
  return dossier.status === 'registered';
}

/** DossierReceived: workflow opens the case with the procedure's steps, reporting records the fact. */
async function announce(tx: OutboxTransaction, dossier: Dossier, version: ProcedureVersion): Promise<void> {
  await tx.publish('DossierReceived', {
    dossierCode: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureVersionNo: dossier.procedureVersionNo,
    procedureName: dossier.procedureName,
    fieldCode: dossier.fieldCode,
    levelCode: dossier.levelCode,
    receivingAgencyCode: dossier.receivingAgencyCode,
    competentAgencyCode: dossier.competentAgencyCode,
    channel: dossier.channel,
    receivedAt: dossier.receivedAt.toISOString(),
    countingFrom: dossier.countingFrom.toISOString(),
    appointmentAt: dossier.appointmentAt.toISOString(),
    processingMinutes: dossier.processingMinutes,
    steps: version.procedure.steps,
    resultDelivery: dossier.resultDelivery.method,
    onTheSpot: dossier.onTheSpot,
    feesPaidOnline: dossier.feesPaidOnline,
    receivedBy: dossier.receivedBy,
    awaitingAcceptance: awaitsAcceptance(dossier),
  });
}


function receptionNote(channel: Channel): string {
  return RECEPTION_NOTES[channel];
}
