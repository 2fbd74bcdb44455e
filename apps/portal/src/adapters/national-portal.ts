import type { PortalAnswer } from '../mapping/portal-mapping.js';

/** The portal (or EMC) could not be reached or failed (a timeout, a 5xx, an unreadable answer): try again later, never park. */
export class PortalUnavailableError extends Error {
  override readonly name = 'PortalUnavailableError';
}

/**
 * The National Public Service Portal's integration, behind one interface: the built-in
 * simulated portal or the portal's HTTP adapter. `call` sends one service (`TraCuuHoSo`,
 * `DongBoHoSoMC`, `CapNhatTienDoHoSoMC`) with its fields; the session and `madonvi` are the
 * adapter's business. A refusal comes back as the answer; unavailability is thrown.
 */
export abstract class NationalPortal {
  abstract readonly kind: 'simulated' | 'http';
  abstract call(service: string, fields: Record<string, unknown>): Promise<PortalAnswer>;
}

/** The ministry's monitoring system (EMC): one report per reception, progress and result. */
export abstract class MonitoringSystem {
  abstract readonly kind: 'simulated' | 'http';
  abstract report(report: Record<string, unknown>): Promise<PortalAnswer>;
}
