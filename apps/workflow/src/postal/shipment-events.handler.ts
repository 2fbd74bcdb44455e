import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ShipmentStatusChangedV1 } from '@onestop/domain';
import { HandleEvent } from '@onestop/platform';
import { CasesService } from '../cases/cases.service.js';

/**
 * Postal's news of a result sent by post. Delivered: the result is returned (status 10).
 * Returned to the sender after the allowed attempts: the result is back at the agency, the
 * case stays with its result ready, the control sheet and the applicant's progress say so, and
 * the applicant collects it at the counter (an officer then marks it returned). Other statuses
 * (and dossier pickups, which have no case yet) change nothing here.
 */
@Injectable()
export class ShipmentEventsHandler {
  constructor(private readonly cases: CasesService) {}

  @HandleEvent({ type: 'ShipmentStatusChanged', versions: [1] })
  async onShipmentStatusChanged(event: EventEnvelope<'ShipmentStatusChanged', ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    const shipment = event.payload;
    if (shipment.kind !== 'result_delivery' || !shipment.dossierCode) return;
    const at = new Date(shipment.at);
    const tracking = `${shipment.carrier} ${shipment.trackingNumber ?? ''}`.trim();
    if (shipment.status === 'delivered') {
      await this.cases.applySystemAction(manager, shipment.dossierCode, 'mark_returned', at, `Bưu điện đã phát kết quả (vận đơn ${tracking})`);
    } else if (shipment.status === 'returned_to_sender') {
      const why = shipment.reason ? `: ${shipment.reason}` : '';
      await this.cases.recordResultReturnedByPost(manager, shipment.dossierCode, at, `Bưu điện không phát được sau ${shipment.failedAttempts} lần (vận đơn ${tracking})${why}`);
    }
  }
}
