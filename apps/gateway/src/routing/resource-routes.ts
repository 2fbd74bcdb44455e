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
  cases: 'workflow',
  worklist: 'workflow',
  officers: 'workflow',
  shipments: 'postal',
  'carrier-callbacks': 'postal',
  reports: 'reporting',
  targets: 'reporting',
};

/** `/sync/...` feeds belong to the owner of what they carry. */
const SYNC_OWNERS: Record<string, BackendService> = {
  procedures: 'catalog',
  dossiers: 'intake',
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
