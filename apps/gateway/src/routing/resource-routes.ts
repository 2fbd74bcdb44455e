import type { BackendService } from '@onestop/domain';

/**
 * Which service owns each public resource (ARCHITECTURE.md, "The public API"). The split into
 * services stays invisible to clients: they see one API under `/api/v1`.
 */
const RESOURCE_OWNERS: Record<string, BackendService> = {
  agencies: 'catalog',
  fields: 'catalog',
  levels: 'catalog',
  procedures: 'catalog',
  calendar: 'catalog',
  dossiers: 'intake',
  lookup: 'intake',
  complaints: 'intake',
  // The applicant's document store (kho dữ liệu điện tử).
  'stored-documents': 'intake',
  // Retention of applicants' personal data and its export (Decree 13/2023).
  'personal-data': 'intake',
  'retention-policies': 'intake',
  cases: 'workflow',
  worklist: 'workflow',
  officers: 'workflow',
  // Electronic results' public verification.
  results: 'workflow',
  shipments: 'postal',
  'carrier-callbacks': 'postal',
  // Fees, bills and payments; electronic receipts; the national payment platform's calls.
  payments: 'payment',
  receipts: 'payment',
  'payment-callbacks': 'payment',
  reports: 'reporting',
  targets: 'reporting',
  'national-portal': 'portal',
  // Officers' in-app notices; message templates, applicants' channels, messages sent and
  // what the simulated providers received; SMS and Zalo delivery receipts.
  notifications: 'notification',
  'notification-templates': 'notification',
  'notification-preferences': 'notification',
  'notification-messages': 'notification',
  'simulated-messages': 'notification',
  'provider-receipts': 'notification',
};

/** `/sync/...` feeds belong to the owner of what they carry. */
const SYNC_OWNERS: Record<string, BackendService> = {
  procedures: 'catalog',
  dossiers: 'intake',
  'national-portal': 'portal',
};

export const PUBLIC_PREFIX = '/api/v1/';

/** The service that answers a public path, or undefined when no service owns it. */
export function ownerOf(url: string): BackendService | undefined {
  const path = url.split('?')[0];
  if (!path.startsWith(PUBLIC_PREFIX)) return undefined;
  const [resource, next] = path.slice(PUBLIC_PREFIX.length).split('/');
  if (resource === 'sync') return next ? SYNC_OWNERS[next] : undefined;
  return RESOURCE_OWNERS[resource];
}

/**
 * Paths that try to climb out of `/api/v1` (`..`, encoded dots or slashes) are refused before
 * routing, so nothing outside the public API, such as `/internal/*`, can be reached.
 */
export function isTraversal(rawPath: string): boolean {
  const path = rawPath.split('?')[0];
  return /(^|\/)\.\.?(\/|$)/.test(path) || /%2e|%2f|%5c|\\/i.test(path);
}

/**
 * The metrics' route label of a routed request: its resource, the rest of the path as `*`
 * (`/api/v1/dossiers/*`), so codes and ids make no series of their own; undefined when no
 * service owns the path.
 */
export function routeTemplateOf(url: string): string | undefined {
  if (ownerOf(url) === undefined) return undefined;
  const segments = url.split('?')[0].slice(PUBLIC_PREFIX.length).split('/');
  const fixed = segments[0] === 'sync' ? 2 : 1;
  return `${PUBLIC_PREFIX}${segments.slice(0, fixed).join('/')}${segments.length > fixed && segments.slice(fixed).join('') !== '' ? '/*' : ''}`;
}
