import { accessPolicy, type Caller } from '@onestop/platform';

/** Who may call reporting's operations: report readers (leaders and their staff) read, admins set targets and rebuild. */
export const ReportingAccess = accessPolicy('reporting', {
  readReports: {
    roles: ['viewer', 'leader', 'admin'],
    operations: [
      'GET /api/v1/reports/dossier-balance',
      'GET /api/v1/reports/summary-by-field',
      'GET /api/v1/reports/complaints',
      'GET /api/v1/reports/lateness-causes',
      'GET /api/v1/reports/indicators',
      'GET /api/v1/reports/service-index',
      'GET /api/v1/reports/targets',
      'GET /api/v1/reports/digitisation',
      'GET /api/v1/reports/dossier-balance/dossiers',
      'GET /api/v1/reports/indicators/dossiers',
      'GET /api/v1/reports/service-index/dossiers',
      'GET /api/v1/targets',
      'GET /api/v1/targets/service-index',
    ],
    /**
     * The agencies a caller's reports are restricted to, sorted; null for the whole province:
     * administrators, and readers whose token names no agency (the province's own staff).
     */
    agenciesOf(caller: Caller | undefined): string[] | null {
      return caller && !caller.roles.includes('admin') && caller.agencyCodes.length > 0 ? [...caller.agencyCodes].sort() : null;
    },
  },
  /** Public, as the catalog is; a report reader's token (`readReports`) adds the usage figures. */
  readOnlineServices: { entry: 'optional-sign-in', operations: ['GET /api/v1/reports/online-services', 'GET /api/v1/reports/online-services/procedures'] },
  /** Public: aggregates per agency and month with small counts suppressed, for the provincial portal. */
  readOpenStatistics: { entry: 'public', operations: ['GET /api/v1/reports/open-statistics'] },
  manageReporting: {
    roles: ['admin'],
    operations: ['PUT /api/v1/targets', 'PUT /api/v1/targets/service-index', 'POST /api/v1/reports/rebuild', 'GET /api/v1/reports/rebuild'],
  },
});
