import { Injectable } from '@nestjs/common';
import { ProblemException, ServiceClient } from '@onestop/platform';

export interface AgencyAddress {
  code: string;
  name: string;
  address: string | null;
}

/** The agencies that send results and receive dossiers by post, from catalog. */
@Injectable()
export class CatalogClient {
  constructor(private readonly client: ServiceClient) {}

  /** Null when catalog has no such agency. */
  async agency(code: string): Promise<AgencyAddress | null> {
    const response = await this.client.request<AgencyAddress>('catalog', { path: `/api/v1/agencies/${encodeURIComponent(code)}` });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    throw ProblemException.serviceUnavailable('dependency-failed', 'The catalog could not answer; try again shortly.');
  }
}
