import { Injectable } from '@nestjs/common';
import { ServiceClient } from '@onestop/platform';
import { PortalUnavailableError } from '../adapters/national-portal.js';

const TTL_MS = 5 * 60_000;

/** Names the portal wants beside codes (the field's name, the procedure's online level), from catalog, kept 5 minutes. */
@Injectable()
export class CatalogClient {
  private readonly cache = new Map<string, { at: number; value: unknown }>();

  constructor(private readonly client: ServiceClient) {}

  async fieldName(code: string): Promise<string | null> {
    const field = await this.read<{ name: string }>(`/api/v1/fields/${encodeURIComponent(code)}`);
    return field?.name ?? null;
  }

  async onlineLevel(procedureCode: string): Promise<number | null> {
    const version = await this.read<{ procedure: { onlineLevel: number } }>(`/api/v1/procedures/${encodeURIComponent(procedureCode)}`);
    return version?.procedure.onlineLevel ?? null;
  }

  private async read<T>(path: string): Promise<T | null> {
    const cached = this.cache.get(path);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value as T | null;
    const response = await this.client.request<T>('catalog', { path });
    if (response.status !== 200 && response.status !== 404) throw new PortalUnavailableError(`catalog answered ${response.status}`);
    const value = response.status === 200 ? response.body : null;
    this.cache.set(path, { at: Date.now(), value });
    return value;
  }
}
