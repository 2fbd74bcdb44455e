import type { ShipmentRegisteredV1 } from '@onestop/domain';
import type { Shipment } from './shipment.entity.js';

/** What every event of a shipment says of it first: which shipment, what for, with which carrier. */
export function shipmentIdentity(shipment: Shipment): Pick<ShipmentRegisteredV1, 'shipmentId' | 'kind' | 'dossierCode' | 'agencyCode' | 'carrier' | 'trackingNumber'> {
  return {
    shipmentId: shipment.id,
    kind: shipment.kind,
    dossierCode: shipment.dossierCode,
    agencyCode: shipment.agencyCode,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
  };
}

/** The ShipmentRegistered event of a shipment just written. */
export function registeredEvent(shipment: Shipment): ShipmentRegisteredV1 {
  return {
    ...shipmentIdentity(shipment),
    status: shipment.state,
    registeredAt: shipment.createdAt.toISOString(),
    postageVnd: shipment.postageVnd,
    codVnd: shipment.codVnd,
  };
}
