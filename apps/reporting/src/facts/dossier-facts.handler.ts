import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ComplaintAnsweredV1,
  ComplaintFiledV1,
  DossierRatedV1,
  DossierReceivedV1,
  DossierStatusChangedV1,
  DossierStatusChangedV2,
  DossierWithdrawnV1,
  EventEnvelope,
  ResultReadyV1,
  ShipmentRegisteredV1,
  ShipmentStatusChangedV1,
} from '@onestop/domain';
import { dossierStatusChangedOf } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { DossierFactsService } from './dossier-facts.service.js';

/** The events of intake, workflow and postal that change reporting's facts, each handed to DossierFactsService. */
@Injectable()
export class DossierFactsHandler {
  constructor(private readonly facts: DossierFactsService) {}

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onDossierReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordReceipt(event.payload, manager);
  }

  /** Both versions: events of version 1 stored before version 2 are still delivered. */
  @HandleEvent({ type: 'DossierStatusChanged', versions: [1, 2] })
  async onDossierStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1 | DossierStatusChangedV2>, manager: EntityManager): Promise<void> {
    await this.facts.recordStatus(dossierStatusChangedOf(event.version, event.payload), manager);
  }

  @HandleEvent({ type: 'DossierWithdrawn', versions: [1] })
  async onDossierWithdrawn(event: EventEnvelope<'DossierWithdrawn', DossierWithdrawnV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordWithdrawal(event.payload, manager);
  }

  @HandleEvent({ type: 'ResultReady', versions: [1] })
  async onResultReady(event: EventEnvelope<'ResultReady', ResultReadyV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordResult(event.payload, manager);
  }

  @HandleEvent({ type: 'DossierRated', versions: [1] })
  async onDossierRated(event: EventEnvelope<'DossierRated', DossierRatedV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordRating(event.payload, manager);
  }

  @HandleEvent({ type: 'ShipmentRegistered', versions: [1] })
  async onShipmentRegistered(event: EventEnvelope<'ShipmentRegistered', ShipmentRegisteredV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordShipmentRegistered(event.payload, manager);
  }

  @HandleEvent({ type: 'ShipmentStatusChanged', versions: [1] })
  async onShipmentStatusChanged(event: EventEnvelope<'ShipmentStatusChanged', ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordShipmentStatus(event.payload, manager);
  }

  @HandleEvent({ type: 'ComplaintFiled', versions: [1] })
  async onComplaintFiled(event: EventEnvelope<'ComplaintFiled', ComplaintFiledV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordComplaintFiled(event.payload, manager);
  }

  @HandleEvent({ type: 'ComplaintAnswered', versions: [1] })
  async onComplaintAnswered(event: EventEnvelope<'ComplaintAnswered', ComplaintAnsweredV1>, manager: EntityManager): Promise<void> {
    await this.facts.recordComplaintAnswered(event.payload, manager);
  }
}
