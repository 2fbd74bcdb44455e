import { Injectable, Logger } from '@nestjs/common';
import type { RequiredDocument } from '@onestop/domain';
import { ProblemException, ServiceClient } from '@onestop/platform';

/** How long a unit's name is reused: a renamed agency appears under its new name in progress written after this. */
export const UNIT_NAME_CACHE_MS = 5 * 60_000;
/** How long a unit catalog could not name stays unnamed before it is asked again, so a catalog outage does not slow every step down. */
const UNIT_NAME_RETRY_MS = 30_000;
const MAX_ENTRIES = 5_000;

interface Cached<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * What processing reads from catalog besides the calendar: the names of the units a case passes
 * through, for the progress each step announces (the name at the time of the step), and the
 * documents of the procedure version a case is judged by, which a supplement request names.
 */
@Injectable()
export class WorkflowCatalogClient {
  private readonly logger = new Logger('WorkflowCatalog');
  private readonly names = new Map<string, Cached<string | null>>();
  /** A published version never changes: kept until the process ends (bounded). */
  private readonly documents = new Map<string, Promise<RequiredDocument[]>>();

  constructor(private readonly client: ServiceClient) {}

  /** The unit's name, or null when catalog does not know it or cannot answer now (the step is then announced without it). */
  unitName(code: string): Promise<string | null> {
    const now = Date.now();
    const entry = this.names.get(code);
    if (entry && entry.expiresAt > now) return entry.value;
    if (this.names.size >= MAX_ENTRIES) this.names.clear();
    const value = this.fetchName(code);
    const cached: Cached<string | null> = { value, expiresAt: now + UNIT_NAME_CACHE_MS };
    this.names.set(code, cached);
    void value.then((name) => {
      if (name === null) cached.expiresAt = Date.now() + UNIT_NAME_RETRY_MS;
    });
    return value;
  }

  /** The documents (thành phần hồ sơ) of one published version; 503 when catalog cannot answer. */
  procedureDocuments(code: string, versionNo: number): Promise<RequiredDocument[]> {
    const key = `${code}@${versionNo}`;
    const known = this.documents.get(key);
    if (known) return known;
    if (this.documents.size >= MAX_ENTRIES) this.documents.clear();
    const value = this.fetchDocuments(code, versionNo);
    this.documents.set(key, value);
    value.catch(() => this.documents.delete(key));
    return value;
  }

  private async fetchName(code: string): Promise<string | null> {
    try {
      const response = await this.client.request<{ name?: unknown }>('catalog', { path: `/api/v1/agencies/${encodeURIComponent(code)}` });
      if (response.status === 200 && typeof response.body?.name === 'string') return response.body.name;
      if (response.status !== 404) this.logger.warn(`catalog answered ${response.status} for agency ${code}; its steps are announced without its name`);
    } catch (error) {
      this.logger.warn(`agency ${code} could not be read (${error instanceof Error ? error.message : String(error)}); its steps are announced without its name`);
    }
    return null;
  }

  private async fetchDocuments(code: string, versionNo: number): Promise<RequiredDocument[]> {
    const response = await this.client.request<{ procedure?: { documents?: RequiredDocument[] } }>('catalog', {
      path: `/api/v1/procedures/${encodeURIComponent(code)}/versions/${versionNo}`,
    });
    const documents = response.body?.procedure?.documents;
    if (response.status === 200 && Array.isArray(documents)) return documents;
    this.logger.error(`catalog answered ${response.status} for procedure ${code} version ${versionNo}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'The catalog could not answer with the procedure\'s documents; try again shortly.');
  }
}
