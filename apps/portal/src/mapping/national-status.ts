import { DOSSIER_STATUSES, type DossierStatus, nationalStatusCode } from '@onestop/domain';

/**
 * Statuses the portal counts on their own (supplement requested 5, payment requested 6,
 * stopped 8): always sent as themselves, never folded into "processed" (9).
 */
const FIXED: readonly DossierStatus[] = ['supplement_requested', 'payment_requested', 'stopped'];

/** Why a NATIONAL_PORTAL_STATUS_MAP setting is refused, or null when it is good. */
export function statusMapProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a JSON object';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'must be a JSON object such as {"processed":9}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'must be a JSON object such as {"processed":9}';
  for (const [status, code] of Object.entries(parsed)) {
    if (!(DOSSIER_STATUSES as readonly string[]).includes(status)) return `names an unknown status "${status}" (one of ${DOSSIER_STATUSES.join(', ')})`;
    if (!Number.isInteger(code) || (code as number) < 1 || (code as number) > 10) return `gives "${status}" the code ${String(code)}; codes are 1-10`;
    if (FIXED.includes(status as DossierStatus) && code !== nationalStatusCode(status as DossierStatus)) return `may not change "${status}": 5, 6 and 8 are sent as themselves`;
  }
  return null;
}

/**
 * The one table of national status codes (TrangThaiHoSo / TrangThai): DOMAIN.md's codes,
 * changed where the setting says (a portal that changes its list is a one-line setting).
 */
export class NationalStatusTable {
  private readonly codes: Record<DossierStatus, number>;

  constructor(overrides?: string) {
    const base = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, nationalStatusCode(s)])) as Record<DossierStatus, number>;
    this.codes = { ...base, ...(overrides ? (JSON.parse(overrides) as Partial<Record<DossierStatus, number>>) : {}) };
  }

  codeOf(status: DossierStatus): number {
    return this.codes[status];
  }
}
