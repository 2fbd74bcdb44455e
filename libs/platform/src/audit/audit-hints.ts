/**
 * What a service tells the gateway's audit log about a change it answered, in response headers
 * the gateway reads and removes before the answer reaches the client: the gateway streams
 * request bodies to the services untouched, so it cannot read which action a body asked for,
 * nor which dossier a shipment belongs to. Names and codes only, never personal data.
 */
export const AUDIT_ACTION_HEADER = 'x-audit-action';
export const AUDIT_DOSSIER_HEADER = 'x-audit-dossier';

/** An action's name as the audit keeps it: a lower-case identifier such as `approve`. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export interface AuditHints {
  /** The action done, e.g. a case action (`approve`, `refuse`). */
  action?: string;
  /** The dossier the change touched, when its path does not say. */
  dossierCode?: string | null;
}

/** Sets the audit headers on a service's answer (the gateway strips them). */
export function setAuditHints(response: { setHeader(name: string, value: string): unknown }, hints: AuditHints): void {
  if (hints.action) response.setHeader(AUDIT_ACTION_HEADER, hints.action);
  if (hints.dossierCode) response.setHeader(AUDIT_DOSSIER_HEADER, hints.dossierCode);
}
