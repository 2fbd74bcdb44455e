import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DossierReceivedV1, dossierStatusChangedOf, type DossierStatusChangedV1, type DossierStatusChangedV2, type EventEnvelope, type ResultReadyV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { PortalConfig } from '../config.js';
import { type DossierPushSnapshot, type EmcPushSnapshot, PORTAL_SERVICES, type ProgressPushSnapshot, receptionContent } from '../mapping/portal-mapping.js';
import { type NewPush, type PortalDossierRow, PushesRepository } from './pushes.repository.js';
import { PushSender } from './push-sender.service.js';

export const EMC_SERVICE = 'EMC';

/**
 * The events that become pushes: intake's reception, workflow's every status change (version 2
 * carries the step as data), workflow's result. Each queues its calls in the same transaction
 * as the inbox record of the event, so a redelivered event queues nothing twice; a dossier's
 * calls are ordered by position (0 its reception, then workflow's status sequence) and part.
 * With the connector off nothing is queued.
 */
@Injectable()
export class PushEventsHandler {
  constructor(
    private readonly pushes: PushesRepository,
    private readonly sender: PushSender,
    private readonly config: PortalConfig,
  ) {}

  private get portalOn(): boolean {
    return this.config.NATIONAL_PORTAL !== 'off';
  }

  private get emcOn(): boolean {
    return this.config.EMC !== 'off';
  }

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    if (!this.portalOn && !this.emcOn) return;
    const d = event.payload;
    await this.pushes.lockDossier(d.dossierCode, manager);
    const fromNationalPortal = d.receivedBy === 'national_portal';
    await this.pushes.recordReception(
      d.dossierCode,
      { receivingAgencyCode: d.receivingAgencyCode, receivedAt: d.receivedAt, procedureCode: d.procedureCode, procedureName: d.procedureName, channel: d.channel, resultDelivery: d.resultDelivery, fromNationalPortal },
      manager,
    );
    const status = d.awaitingAcceptance ? 'registered' : 'accepted';
    const queued: NewPush[] = [];
    if (this.portalOn) {
      const dossier: DossierPushSnapshot = { status, at: d.receivedAt, appointmentAt: d.appointmentAt, unitName: null, processedAt: null, returnedAt: null };
      const progress: ProgressPushSnapshot = {
        status,
        at: d.receivedAt,
        officerName: null,
        officerTitle: null,
        unitName: null,
        content: receptionContent(d.channel, d.awaitingAcceptance === true),
        startedAt: d.countingFrom,
        statutoryEndAt: d.appointmentAt,
      };
      queued.push({ target: 'portal', dossierCode: d.dossierCode, position: 0, part: 0, service: PORTAL_SERVICES.dossier, snapshot: dossier });
      queued.push({ target: 'portal', dossierCode: d.dossierCode, position: 0, part: 1, service: PORTAL_SERVICES.progress, snapshot: progress });
    }
    if (this.emcOn) {
      const emc: EmcPushSnapshot = { status: 'received', action: null, procedureCode: d.procedureCode, procedureName: d.procedureName, channel: d.channel, fromNationalPortal, byPost: d.resultDelivery === 'post' };
      queued.push({ target: 'emc', dossierCode: d.dossierCode, position: 0, part: 0, service: EMC_SERVICE, snapshot: emc });
    }
    await this.pushes.enqueue(queued, manager);
    this.sender.nudgeSoon();
  }

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1, 2] })
  async onStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1 | DossierStatusChangedV2>, manager: EntityManager): Promise<void> {
    if (!this.portalOn && !this.emcOn) return;
    const change = dossierStatusChangedOf(event.version, event.payload);
    const dossierRow = await this.pushes.lockDossier(change.dossierCode, manager);
    const milestones = { processedAt: change.status === 'processed' ? change.at : undefined, returnedAt: change.status === 'returned' ? change.at : undefined };
    await this.pushes.recordMilestones(change.dossierCode, milestones, manager);
    const processedAt = dossierRow.processed_at?.toISOString() ?? milestones.processedAt ?? null;
    const returnedAt = dossierRow.returned_at?.toISOString() ?? milestones.returnedAt ?? null;
    const { step } = change;
    const queued: NewPush[] = [];
    if (this.portalOn) {
      const dossier: DossierPushSnapshot = { status: change.status, at: change.at, appointmentAt: change.appointmentAt, unitName: step.unit.name, processedAt, returnedAt };
      const progress: ProgressPushSnapshot = {
        status: change.status,
        at: change.at,
        officerName: step.officer?.name ?? null,
        officerTitle: step.officer?.title ?? null,
        unitName: step.unit.name,
        content: change.content,
        startedAt: step.startedAt,
        statutoryEndAt: step.statutoryEndAt ?? change.dueAt,
      };
      queued.push({ target: 'portal', dossierCode: change.dossierCode, position: change.sequence, part: 0, service: PORTAL_SERVICES.dossier, snapshot: dossier });
      queued.push({ target: 'portal', dossierCode: change.dossierCode, position: change.sequence, part: 1, service: PORTAL_SERVICES.progress, snapshot: progress });
    }
    if (this.emcOn) queued.push(this.emcPush(change.dossierCode, change.sequence, change.status, step.action, dossierRow));
    await this.pushes.enqueue(queued, manager);
    this.sender.nudgeSoon();
  }

  /** The result paper joins the dossier's record and the portal is told again after the change that made it. */
  @HandleEvent({ type: 'ResultReady', versions: [1] })
  async onResultReady(event: EventEnvelope<'ResultReady', ResultReadyV1>, manager: EntityManager): Promise<void> {
    if (!this.portalOn) return;
    const ready = event.payload;
    const row = await this.pushes.lockDossier(ready.dossierCode, manager);
    await this.pushes.addResult(ready.dossierCode, { documentNumber: ready.documentNumber, resultKind: ready.resultKind, readyAt: ready.readyAt }, manager);
    const snapshot: DossierPushSnapshot = { status: row.returned_at ? 'returned' : 'processed', at: ready.readyAt, appointmentAt: null, unitName: null, processedAt: row.processed_at?.toISOString() ?? ready.readyAt, returnedAt: row.returned_at?.toISOString() ?? null };
    const position = await this.pushes.lastPosition(ready.dossierCode, manager);
    await this.pushes.enqueue([{ target: 'portal', dossierCode: ready.dossierCode, position, part: 2, service: PORTAL_SERVICES.dossier, snapshot }], manager);
    this.sender.nudgeSoon();
  }

  private emcPush(dossierCode: string, position: number, status: EmcPushSnapshot['status'], action: string | null, row: PortalDossierRow): NewPush {
    const snapshot: EmcPushSnapshot = {
      status,
      action,
      procedureCode: row.procedure_code ?? '',
      procedureName: row.procedure_name ?? '',
      channel: (row.channel ?? 'counter') as EmcPushSnapshot['channel'],
      fromNationalPortal: row.from_national_portal,
      byPost: row.result_delivery === 'post',
    };
    return { target: 'emc', dossierCode, position, part: 0, service: EMC_SERVICE, snapshot };
  }
}
