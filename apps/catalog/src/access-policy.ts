import { accessPolicy } from '@onestop/platform';

/** Who may call catalog's operations: reading the catalog and calendar is public, changing them is for admins. */
export const CatalogAccess = accessPolicy('catalog', {
  readCatalog: {
    entry: 'public',
    operations: [
      'GET /api/v1/agencies',
      'GET /api/v1/agencies/{code}',
      'GET /api/v1/fields',
      'GET /api/v1/fields/{code}',
      'GET /api/v1/levels',
      'GET /api/v1/procedures',
      'GET /api/v1/procedures/{code}',
      'GET /api/v1/procedures/{code}/versions',
      'GET /api/v1/procedures/{code}/versions/{versionNo}',
      'GET /api/v1/calendar',
      'GET /api/v1/calendar/appointment',
      'GET /api/v1/calendar/working-time',
    ],
  },
  manageCatalog: {
    roles: ['admin'],
    operations: [
      'POST /api/v1/agencies',
      'PATCH /api/v1/agencies/{code}',
      'POST /api/v1/fields',
      'PUT /api/v1/fields/{code}',
      'POST /api/v1/procedures',
      'POST /api/v1/procedures/{code}/amendments',
      'POST /api/v1/procedures/{code}/abolition',
      'POST /api/v1/procedures/imports',
      'PUT /api/v1/calendar/days/{date}',
      'DELETE /api/v1/calendar/days/{date}',
      'PUT /api/v1/calendar/office-hours',
    ],
  },
  /** The national portal's sync jobs read the procedures feed with an API key. */
  readProcedureFeed: { roles: ['admin'], scopes: ['sync:read'], operations: ['GET /api/v1/sync/procedures'] },
  /** The national portal pushes a procedure with an API key. */
  pushProcedure: { roles: ['admin'], scopes: ['sync:write'], operations: ['PUT /api/v1/sync/procedures/{code}'] },
});
