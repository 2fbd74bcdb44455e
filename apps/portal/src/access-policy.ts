import { accessPolicy } from '@onestop/platform';

/** Who may call portal's operations. */
export const PortalAccess = accessPolicy('portal', {
  /** Operators follow the pushes: per dossier and in total. */
  readPushes: { roles: ['admin', 'viewer'], operations: ['GET /api/v1/national-portal/pushes', 'GET /api/v1/national-portal/dossiers/{code}'] },
  /** Re-pushing a dossier or a day sends personal data again: administrators only. */
  repush: { roles: ['admin'], operations: ['POST /api/v1/national-portal/dossiers/{code}/re-push', 'POST /api/v1/national-portal/re-pushes'] },
  /** What the simulated portal received (development), with the applicants' data in it. */
  /** The portal pushes the dossiers submitted on it, in its shape: machines only. */
  pushNationalPortalDossier: { scopes: ['sync:write'], operations: ['POST /api/v1/sync/national-portal/dossiers'] },
  readSimulatedCalls: { roles: ['admin'], operations: ['GET /api/v1/national-portal/simulated-calls'] },
});
