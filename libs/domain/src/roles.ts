/** Roles of people using the system (ARCHITECTURE.md, "Identity and access"). */
export const ROLES = ['citizen', 'reception', 'specialist', 'leader', 'postal', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
