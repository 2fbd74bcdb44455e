import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CaseLatenessMarkedV1,
  type ComplaintAnsweredV1,
  type DossierReceivedV1,
  type DossierStatusChangedV1,
  type DossierStatusChangedV2,
  dossierStatusChangedOf,
  type EventEnvelope,
  type FeePaidV1,
  type PaymentRequestedV1,
  type PersonalDataErasedV1,
  type ResultReadyV1,
  type ShipmentStatusChangedV1,
  type SupplementReceivedV1,
} from '@onestop/domain';
import { Clock, HandleEvent } from '@onestop/platform';
import { MessagesRepository } from '../messages/messages.repository.js';
import { NotificationComposer } from './notification-composer.service.js';
import * as occurrences from './occurrences.js';

/**
 * The events notification follows (EVENT_SUBSCRIPTIONS), each applied once through the inbox:
 * what it tells applicants (SMS, email, Zalo) and officers (in-app notices).
 */
@Injectable()
export class NotificationEventsHandler {
  constructor(
    private readonly composer: NotificationComposer,
    private readonly messages: MessagesRepository,
    private readonly clock: Clock,
  ) {}

  @HandleEvent({ type: 'DossierReceived', versions: [1] })
  async onDossierReceived(event: EventEnvelope<'DossierReceived', DossierReceivedV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.dossierReceived(event.payload), manager);
  }

  @HandleEvent({ type: 'DossierStatusChanged', versions: [1, 2] })
  async onDossierStatusChanged(event: EventEnvelope<'DossierStatusChanged', DossierStatusChangedV1 | DossierStatusChangedV2>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.dossierStatusChanged(dossierStatusChangedOf(event.version, event.payload)), manager);
  }

  @HandleEvent({ type: 'SupplementReceived', versions: [1] })
  async onSupplementReceived(event: EventEnvelope<'SupplementReceived', SupplementReceivedV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.supplementReceived(event.payload), manager);
  }

  @HandleEvent({ type: 'ResultReady', versions: [1] })
  async onResultReady(event: EventEnvelope<'ResultReady', ResultReadyV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.resultReady(event.payload), manager);
  }

  @HandleEvent({ type: 'ShipmentStatusChanged', versions: [1] })
  async onShipmentStatusChanged(event: EventEnvelope<'ShipmentStatusChanged', ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.shipmentStatusChanged(event.payload), manager);
  }

  @HandleEvent({ type: 'ComplaintAnswered', versions: [1] })
  async onComplaintAnswered(event: EventEnvelope<'ComplaintAnswered', ComplaintAnsweredV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.complaintAnswered(event.payload), manager);
  }

  @HandleEvent({ type: 'PaymentRequested', versions: [1] })
  async onPaymentRequested(event: EventEnvelope<'PaymentRequested', PaymentRequestedV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.paymentRequested(event.payload), manager);
  }

  @HandleEvent({ type: 'CaseLatenessMarked', versions: [1] })
  async onCaseLatenessMarked(event: EventEnvelope<'CaseLatenessMarked', CaseLatenessMarkedV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.caseLatenessMarked(event.payload), manager);
  }

  @HandleEvent({ type: 'FeePaid', versions: [1] })
  async onFeePaid(event: EventEnvelope<'FeePaid', FeePaidV1>, manager: EntityManager): Promise<void> {
    await this.composer.compose(event.id, occurrences.feePaid(event.payload), manager);
  }

  /** The dossier's personal data reached the end of its retention (intake): the messages about it forget whom they went to and what they said. */
  @HandleEvent({ type: 'PersonalDataErased', versions: [1] })
  async onPersonalDataErased(event: EventEnvelope<'PersonalDataErased', PersonalDataErasedV1>, manager: EntityManager): Promise<void> {
    await this.messages.eraseDossier(event.payload.dossierCode, this.clock.now(), manager);
  }
}
