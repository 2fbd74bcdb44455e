import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ResultReadyV1 } from '@onestop/domain';
import { HandleEvent, writeEvent } from '@onestop/platform';
import { Carrier } from '../carriers/carrier.js';
import { CarrierOrders } from '../carriers/carrier-orders.service.js';
import { CatalogClient } from '../clients/catalog.client.js';
import { IntakeClient } from '../clients/intake.client.js';
import { PostalConfig } from '../config.js';
import { ShipmentMoves } from '../shipments/shipment-moves.service.js';
import { registeredEvent } from '../shipments/shipment-announcements.js';
import { ShipmentsRepository } from '../shipments/shipments.repository.js';

/** A result in its sealed envelope: what the order tells the carrier it carries. */
const RESULT_WEIGHT_GRAMS = 200;

/**
 * A result to deliver by post (workflow's ResultReady with delivery by post) becomes a shipment
 * by itself: the receiver and address come from intake, the sender is the agency (catalog).
 * The shipment and its carrier order are written together, `awaiting_carrier`; the order goes
 * out from there and is retried until the carrier accepts it, so a carrier that is down loses
 * nothing. Intake or catalog being down fails the event, which workflow's outbox redelivers.
 */
@Injectable()
export class ResultDeliveryHandler {
  private readonly logger = new Logger('ResultDelivery');

  constructor(
    private readonly intake: IntakeClient,
    private readonly catalog: CatalogClient,
    private readonly carrier: Carrier,
    private readonly moves: ShipmentMoves,
    private readonly shipments: ShipmentsRepository,
    private readonly orders: CarrierOrders,
    private readonly config: PostalConfig,
  ) {}

  @HandleEvent({ type: 'ResultReady', versions: [1] })
  async onResultReady(event: EventEnvelope<'ResultReady', ResultReadyV1>, manager: EntityManager): Promise<void> {
    const ready = event.payload;
    if (ready.deliveryMethod !== 'post') return;
    const [delivery, agency] = await Promise.all([this.intake.resultDelivery(ready.dossierCode), this.catalog.agency(ready.agencyCode)]);
    if (!delivery) {
      // Acknowledged rather than retried forever: a result exists only for a dossier intake received.
      this.logger.error(`result of ${ready.dossierCode} by post: intake has no such dossier; no shipment`);
      return;
    }
    if (await this.shipments.hasResultDelivery(ready.dossierCode, manager)) {
      this.logger.warn(`result of ${ready.dossierCode} already has a delivery shipment`);
      return;
    }
    const now = new Date(ready.readyAt);
    const shipment = await this.shipments.insert(
      {
        kind: 'result_delivery',
        dossierCode: ready.dossierCode,
        agencyCode: ready.agencyCode,
        carrier: this.carrier.code,
        trackingNumber: null,
        state: 'awaiting_carrier',
        stateAt: now,
        maxAttempts: this.config.DELIVERY_MAX_ATTEMPTS,
        sender: {
          name: agency?.name ?? delivery.receivingAgencyName,
          phone: null,
          address: { detail: agency?.address ?? agency?.name ?? delivery.receivingAgencyName, commune: null, province: null },
        },
        receiver: { name: delivery.receiver.name, phone: delivery.receiver.phone, address: delivery.receiver.address },
        parcel: { description: `Kết quả giải quyết TTHC: ${delivery.procedureName} (${ready.documentNumber})`, weightGrams: RESULT_WEIGHT_GRAMS },
        postageVnd: null,
        codVnd: 0,
        result: { documentNumber: ready.documentNumber, resultKind: ready.resultKind, readyAt: ready.readyAt },
        dossier: null,
        registeredBy: 'system',
        lastNewsAt: null,
        orderNextAttemptAt: new Date(),
        createdAt: now,
      },
      manager,
    );
    await this.moves.recordCreation(manager, shipment, 'system', 'system');
    await writeEvent(manager, 'ShipmentRegistered', registeredEvent(shipment));
    // The order goes out once this transaction commits (the dispatcher also polls).
    this.orders.nudgeSoon();
  }
}
