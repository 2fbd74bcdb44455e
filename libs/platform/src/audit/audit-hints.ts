/**
 * What a controller tells the audit log about a change it answers, when neither the path nor
 * the answer says: the case action a body asked for, the dossier a shipment belongs to. Kept
 * with the response object (never sent to the client) and read by the service's audit
 * middleware when the answer is written. Names and codes only, never personal data.
 */

/** An action's name as the audit keeps it: a lower-case identifier such as `approve`. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export interface AuditHints {
  /** The action done, e.g. a case action (`approve`, `refuse`). */
  action?: string;
  /** The dossier the change touched, when its path does not say. */
  dossierCode?: string | null;
}

const hintsByResponse = new WeakMap<object, AuditHints>();

/** Notes what the audit entry of this answer should say; later hints add to earlier ones. */
export function setAuditHints(response: object, hints: AuditHints): void {
  const current = hintsByResponse.get(response) ?? {};
  hintsByResponse.set(response, {
    ...current,
    ...(hints.action ? { action: hints.action } : {}),
    ...(hints.dossierCode ? { dossierCode: hints.dossierCode } : {}),
  });
}

/** The hints a controller set on this answer, if any. */
export function auditHintsOf(response: object): AuditHints {
  return hintsByResponse.get(response) ?? {};
}
