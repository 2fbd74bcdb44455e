import type { Role } from '@onestop/domain';
import { accessPolicy, type Caller } from '@onestop/platform';

/** Who a shipment's move is recorded as done by, of the people who may act on it. */
type ShipmentActor = 'officer' | 'operator';

const AGENCY_OFFICERS: readonly Role[] = ['reception', 'specialist', 'leader'];

/** The postal operator and admins act on every shipment; officers on those of their agencies. */
const seesEveryShipment = (caller: Caller) => caller.roles.includes('admin') || caller.roles.includes('postal');

/** Who may call postal's operations. */
export const PostalAccess = accessPolicy('postal', {
  readShipments: {
    roles: [...AGENCY_OFFICERS, 'postal', 'admin'],
    operations: ['GET /api/v1/shipments', 'GET /api/v1/shipments/{id}'],
    seesEveryShipment,
    allows(caller: Caller, shipment: { agencyCode: string }): boolean {
      return seesEveryShipment(caller) || (caller.roles.some((role) => AGENCY_OFFICERS.includes(role)) && caller.agencyCodes.includes(shipment.agencyCode));
    },
  },
  /** The postal operator records the dossiers it collects. */
  registerPickup: { roles: ['postal'], operations: ['POST /api/v1/shipments/pickups'] },
  /**
   * The sealed envelope reaches the agency: confirmed by the operator, or by a reception officer
   * of that agency. Whom the move is recorded as, undefined for an officer of another agency.
   */
  handOver: {
    roles: ['reception', 'postal'],
    operations: ['POST /api/v1/shipments/{id}/handover'],
    actingAs(caller: Caller, shipment: { agencyCode: string }): ShipmentActor | undefined {
      if (caller.roles.includes('postal')) return 'operator';
      return caller.roles.includes('reception') && !caller.agencyCodes.includes(shipment.agencyCode) ? undefined : 'officer';
    },
  },
  /**
   * Cancelled by a reception officer of the shipment's agency or an admin, and by the postal
   * operator for a dossier pickup: whom the move is recorded as, undefined for anyone else.
   */
  cancelShipment: {
    roles: ['reception', 'postal', 'admin'],
    operations: ['POST /api/v1/shipments/{id}/cancellation'],
    actingAs(caller: Caller, shipment: { agencyCode: string; kind: string }): ShipmentActor | undefined {
      if (caller.roles.includes('admin') || (caller.roles.includes('reception') && caller.agencyCodes.includes(shipment.agencyCode))) return 'officer';
      return caller.roles.includes('postal') && shipment.kind === 'dossier_pickup' ? 'operator' : undefined;
    },
  },
  /** Demonstrations with the simulated carrier. */
  simulateMoves: { roles: ['admin'], operations: ['POST /api/v1/shipments/{id}/simulated-moves'] },
  /** The carrier's signature over the body decides (CarrierSignatureGuard), not a credential of ours. */
  receiveCarrierCallback: { entry: 'signed', operations: ['POST /api/v1/carrier-callbacks/{carrier}'] },
});
