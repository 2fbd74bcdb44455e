import { Injectable, Logger } from '@nestjs/common';
import { ServiceClient } from '../client/service-client.js';
import { type FormAgency, placeOfAgencies } from './official-forms.js';

interface CatalogAgency {
  code: string;
  name: string;
  parentCode: string | null;
}

/** How long an agency's name is reused: a renamed agency is printed under its new name within this. */
export const FORM_AGENCY_CACHE_MS = 5 * 60_000;
/** The tree is climbed this far for the province that names the place on a form. */
const MAX_DEPTH = 6;

/**
 * Agencies as the forms' headers name them, from catalog's `/agencies/{code}`: the unit, its
 * superior authority and the province for the place before the date. A form is still printed
 * when catalog cannot answer: the agency is then named by its code (`known: false`), and the
 * answer is not kept, so the next print asks again.
 */
@Injectable()
export class FormAgencies {
  private readonly logger = new Logger('FormAgencies');
  private readonly cache = new Map<string, { value: Promise<CatalogAgency | null>; expiresAt: number }>();

  constructor(private readonly client: ServiceClient) {}

  /** The agency for a form's header; by its code alone when catalog does not know it or cannot answer. */
  async header(code: string): Promise<FormAgency & { known: boolean }> {
    const agency = await this.agency(code);
    if (!agency) return { code, name: code, parentName: null, place: null, known: false };
    const ancestors: CatalogAgency[] = [];
    const seen = new Set([agency.code]);
    let next = agency.parentCode;
    while (next && !seen.has(next) && ancestors.length < MAX_DEPTH) {
      seen.add(next);
      const parent = await this.agency(next);
      if (!parent) break;
      ancestors.push(parent);
      next = parent.parentCode;
    }
    return { code, name: agency.name, parentName: ancestors[0]?.name ?? null, place: placeOfAgencies([agency.name, ...ancestors.map((a) => a.name)]), known: true };
  }

  /** Names of several agencies at once, by code; a code catalog cannot name is left out. */
  async names(codes: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(codes)];
    const found = await Promise.all(unique.map((code) => this.agency(code)));
    return new Map(found.flatMap((agency, index) => (agency ? [[unique[index], agency.name] as const] : [])));
  }

  private agency(code: string): Promise<CatalogAgency | null> {
    const now = Date.now();
    const entry = this.cache.get(code);
    if (entry && entry.expiresAt > now) return entry.value;
    if (this.cache.size >= 2_000) this.cache.clear();
    const value = this.fetch(code);
    this.cache.set(code, { value, expiresAt: now + FORM_AGENCY_CACHE_MS });
    void value.then((found) => {
      if (!found) this.cache.delete(code);
    });
    return value;
  }

  private async fetch(code: string): Promise<CatalogAgency | null> {
    try {
      const response = await this.client.request<CatalogAgency>('catalog', { path: `/api/v1/agencies/${encodeURIComponent(code)}` });
      if (response.status === 200 && typeof response.body?.name === 'string') return { code: response.body.code, name: response.body.name, parentCode: response.body.parentCode ?? null };
      if (response.status !== 404) this.logger.warn(`catalog answered ${response.status} for agency ${code}; the form names it by its code`);
    } catch (error) {
      this.logger.warn(`agency ${code} could not be read (${error instanceof Error ? error.message : String(error)}); the form names it by its code`);
    }
    return null;
  }
}
