import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DossierReceivedV1, dossierStatusChangedOf, type DossierStatusChangedV1, type DossierStatusChangedV2, type EventEnvelope } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { FeesService } from './fees.service.js';

/** Statuses after which no fee is asked of a dossier any more. */
const CLOSING = new Set(['refused', 'stopped', 'withdrawn']);

/**
 * The dossier's life as payment follows it: intake's DossierReceived opens its account with the
 * assessment at reception; workflow's DossierStatusChanged to refused, stopped or withdrawn
 * cancels its open bills (fees already paid are refunded by an officer, with the reason).
 */
@Injectable()
export class DossierEventsHandler {
  constructor(private readonly fees: FeesService) {}

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    await this.fees.received(event.payload, manager);
  }

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1, 2] })
  async onStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1 | DossierStatusChangedV2>, manager: EntityManager): Promise<void> {
    const change = dossierStatusChangedOf(event.version, event.payload);
    if (CLOSING.has(change.status)) await this.fees.closed(change.dossierCode, change.status, new Date(change.at), manager);
  }
}
