/** The services of the system; each owns one PostgreSQL schema of the same name. */
export const SERVICE_NAMES = ['gateway', 'catalog', 'intake', 'workflow', 'postal', 'reporting', 'portal', 'payment', 'notification'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services reached through the gateway (everything but the gateway itself). */
export const BACKEND_SERVICES = ['catalog', 'intake', 'workflow', 'postal', 'reporting', 'portal', 'payment', 'notification'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** The setting that holds a backend service's base URL, e.g. `CATALOG_URL`. */
export function serviceUrlSetting(service: BackendService): string {
  return `${service.toUpperCase()}_URL`;
}
