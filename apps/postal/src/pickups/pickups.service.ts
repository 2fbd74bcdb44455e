import { Injectable } from '@nestjs/common';
import { type Caller, Clock, IdempotencyService, type IdempotentOutcome, OutboxService, type OutboxTransaction, ProblemException } from '@onestop/platform';
import { Carrier } from '../carriers/carrier.js';
import { CatalogClient } from '../clients/catalog.client.js';
import { IntakeClient, type ReceptionCheck } from '../clients/intake.client.js';
import { PostalConfig } from '../config.js';
import type { HandoverRequest, RegisterPickupRequest } from '../shipments/shipment.dto.js';
import type { Shipment, StoredParty } from '../shipments/shipment.entity.js';
import { ShipmentMoves } from '../shipments/shipment-moves.service.js';
import type { ShipmentView } from '../shipments/shipment.views.js';
import { ShipmentsService } from '../shipments/shipments.service.js';
import { registeredEvent } from '../shipments/shipment-announcements.js';
import { ShipmentsRepository } from '../shipments/shipments.repository.js';
import { PostalAccess } from '../access-policy.js';

/** How far back a collection may be recorded, and the clock skew tolerated ahead (as intake's hand-over time). */
const COLLECTION_MAX_AGE_MS = 30 * 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

interface ApplicantOfDossier {
  name: string;
  phone: string;
  address: { detail: string; commune: string; province: string };
}

/** When the postal worker collected the envelope: within the last 30 days, not ahead of the clock. */
function collectionTime(request: RegisterPickupRequest, now: Date): Date {
  const collectedAt = request.collectedAt ? new Date(request.collectedAt) : now;
  if (collectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS || collectedAt.getTime() < now.getTime() - COLLECTION_MAX_AGE_MS) {
    throw ProblemException.unprocessable('invalid-collection-time', 'The collection time must be within the last 30 days and not in the future.', [
      { field: 'collectedAt', reason: 'must be within the last 30 days and not in the future' },
    ]);
  }
  return collectedAt;
}

/** The channel and the receipt time are set at the hand-over, so a dossier giving them is refused. */
function refuseHandoverFields(request: RegisterPickupRequest): void {
  const misplaced = ['channel', 'receivedAt'].filter((field) => field in request.dossier);
  if (misplaced.length > 0) {
    throw ProblemException.badRequest(
      'validation-failed',
      'The dossier goes on the post channel and is received at the hand-over time: leave out channel and receivedAt.',
      misplaced.map((field) => ({ field: `dossier.${field}`, reason: field === 'channel' ? 'is always post here' : 'is the hand-over time, recorded at the agency' })),
    );
  }
}

/**
 * Dossiers sent by post (nộp hồ sơ qua bưu chính công ích). The postal operator registers what a
 * postal worker collected: the envelope's tracking number and the dossier as checked against
 * the procedure's list, which intake's reception rules check now, so a dossier the agency would
 * refuse is not carried. When the sealed envelope reaches the agency, the receiving officer (or
 * the operator) records the hand-over here and postal submits the dossier to intake on the post
 * channel, on their behalf and with the hand-over time as the receipt time, once.
 */
@Injectable()
export class PickupsService {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly reading: ShipmentsService,
    private readonly moves: ShipmentMoves,
    private readonly intake: IntakeClient,
    private readonly catalog: CatalogClient,
    private readonly carrier: Carrier,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly config: PostalConfig,
  ) {}

  async register(caller: Caller, authorization: string, request: RegisterPickupRequest, idempotencyKey?: string): Promise<IdempotentOutcome<ShipmentView>> {
    const scope = `pickups:${caller.subject}`;
    const replayed = await this.idempotency.replay<ShipmentView>(scope, idempotencyKey, request);
    if (replayed) return { result: replayed, replayed: true };

    const now = this.clock.now();
    const collectedAt = collectionTime(request, now);
    refuseHandoverFields(request);
    const check = await this.receivableCheck(authorization, request);
    const parties = await this.partiesOf(request, check);
    return this.outbox.transaction((tx) =>
      this.idempotency.once(tx.manager, scope, idempotencyKey, request, async () => {
        const shipment = await this.recordPickup(tx, caller, request, check, parties, now);
        await this.moves.apply(tx.manager, shipment, { move: 'collected', at: collectedAt, source: 'operator', actor: caller.subject });
        return this.reading.toView(shipment, tx.manager);
      }),
    );
  }

  /** Intake's reception rules on the dossier as the post channel brings it: a dossier the agency would refuse is a 422. */
  private async receivableCheck(authorization: string, request: RegisterPickupRequest): Promise<ReceptionCheck> {
    const check = await this.intake.check(authorization, { ...request.dossier, channel: 'post' });
    if (!check.receivable) {
      throw new ProblemException(422, 'dossier-not-receivable', 'Unprocessable content', `The agency would not receive this dossier: ${[...check.refusals.map((r) => r.reason), ...check.missingDocuments.map((m) => `missing ${m.name}`)].join('; ')}.`, {
        errors: [
          ...check.refusals.map((r) => ({ field: `dossier.${r.field}`, reason: r.reason })),
          ...check.missingDocuments.map((m) => ({ field: 'dossier.documents', reason: `missing ${m.quantity} × ${m.name} (requirement ${m.requirement})` })),
        ],
        refusals: check.refusals,
        missingDocuments: check.missingDocuments,
      });
    }
    return check;
  }

  /** The envelope goes from the applicant to the receiving agency, at the address catalog has for it. */
  private async partiesOf(request: RegisterPickupRequest, check: ReceptionCheck): Promise<{ sender: StoredParty; receiver: StoredParty }> {
    const agency = await this.catalog.agency(check.agency.code);
    const applicant = request.dossier.applicant as ApplicantOfDossier;
    return {
      sender: { name: applicant.name, phone: applicant.phone, address: { detail: applicant.address.detail, commune: applicant.address.commune, province: applicant.address.province } },
      receiver: { name: check.agency.name, phone: null, address: { detail: agency?.address ?? check.agency.name, commune: null, province: null } },
    };
  }

  /** The shipment as registered, its first history entry and its event; a tracking number is registered once. */
  private async recordPickup(
    tx: OutboxTransaction,
    caller: Caller,
    request: RegisterPickupRequest,
    check: ReceptionCheck,
    parties: { sender: StoredParty; receiver: StoredParty },
    now: Date,
  ): Promise<Shipment> {
    if (await this.shipments.trackingNumberTaken(this.carrier.code, request.trackingNumber, tx.manager)) {
      throw ProblemException.conflict('tracking-number-taken', `A shipment with tracking number ${request.trackingNumber} is registered already.`);
    }
    const shipment = await this.shipments.insert(
      {
        kind: 'dossier_pickup',
        dossierCode: null,
        agencyCode: check.agency.code,
        carrier: this.carrier.code,
        trackingNumber: request.trackingNumber,
        state: 'registered',
        stateAt: now,
        maxAttempts: this.config.DELIVERY_MAX_ATTEMPTS,
        ...parties,
        parcel: { description: request.parcel.description ?? `Hồ sơ TTHC: ${check.procedure.name}`, weightGrams: request.parcel.weightGrams },
        postageVnd: request.postageVnd,
        codVnd: request.codVnd,
        result: null,
        dossier: request.dossier,
        registeredBy: caller.subject,
        lastNewsAt: new Date(),
        orderNextAttemptAt: null,
        createdAt: now,
      },
      tx.manager,
    );
    await this.moves.recordCreation(tx.manager, shipment, 'operator', caller.subject);
    await tx.publish('ShipmentRegistered', registeredEvent(shipment));
    return shipment;
  }

  /**
   * The sealed envelope reached the agency: recorded as delivered (unless the carrier said so
   * already, whose time then stands), and the dossier received by intake on the post channel
   * with that hand-over time, on behalf of the caller. Repeating it receives nothing twice.
   */
  async handover(caller: Caller, authorization: string, id: string, request: HandoverRequest): Promise<ShipmentView> {
    const shipment = await this.reading.visible(caller, id);
    if (shipment.kind !== 'dossier_pickup') throw ProblemException.conflict('not-a-pickup', 'Only a dossier collected by post is handed over to the agency; a result is delivered to the applicant.', { currentStatus: shipment.state });
    const actingAs = PostalAccess.handOver.actingAs(caller, shipment);
    if (!actingAs) {
      throw new ProblemException(403, 'agency-not-permitted', 'Forbidden', `The dossier is for agency ${shipment.agencyCode}.`);
    }
    if (shipment.dossierCode) return this.reading.toView(shipment);
    if (shipment.state !== 'delivered') {
      const handedOverAt = request.handedOverAt ? new Date(request.handedOverAt) : this.clock.now();
      if (handedOverAt.getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) {
        throw ProblemException.unprocessable('invalid-handover-time', 'The hand-over time cannot be in the future.', [{ field: 'handedOverAt', reason: 'must not be in the future' }]);
      }
      await this.outbox.transaction(async (tx) => {
        const locked = await this.shipments.lock(id, tx.manager);
        if (locked.state === 'delivered') return;
        await this.moves.apply(tx.manager, locked, { move: 'delivered', at: handedOverAt, source: actingAs, actor: caller.subject, location: locked.receiver.name });
      });
    }
    // Under the shipment's lock, so two officers confirming at once receive the dossier once.
    return this.shipments.manager.transaction(async (manager) => {
      const locked = await this.shipments.lock(id, manager);
      if (!locked.dossierCode) {
        const received = await this.intake.receive(authorization, { ...locked.dossier, channel: 'post', receivedAt: locked.stateAt.toISOString() }, `postal-pickup-${id}`);
        locked.dossierCode = received.code;
        locked.handedOverAt = locked.stateAt;
        locked.receivedBy = caller.subject;
        await this.shipments.save(locked, manager);
      }
      return this.reading.toView(locked, manager);
    });
  }
}
