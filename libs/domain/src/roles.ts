/** Roles of people using the system (ARCHITECTURE.md, "Identity and access"). */
export const ROLES = ['citizen', 'reception', 'specialist', 'leader', 'postal', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a machine's API key allows (the national portal's sync jobs, the postal operator). A key
 * with `postal` acts with the postal role; the sync scopes open the `/sync` feeds.
 */
export const API_KEY_SCOPES = ['sync:read', 'sync:write', 'postal'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The role an API key with a scope acts with (the postal operator's key acts as the postal role). */
export const ROLE_OF_SCOPE: Readonly<Partial<Record<ApiKeyScope, Role>>> = { postal: 'postal' };
