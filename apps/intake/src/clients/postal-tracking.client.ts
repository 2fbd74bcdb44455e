import { Injectable, Logger } from '@nestjs/common';
import { ServiceClient } from '@onestop/platform';
import type { LookupShipmentView } from '../dossiers/dossier.views.js';

/** A dossier's shipments and their tracking from postal, without personal data, for the public lookup. */
@Injectable()
export class PostalTrackingClient {
  private readonly logger = new Logger('PostalTracking');

  constructor(private readonly client: ServiceClient) {}

  /** Null when postal cannot answer: the lookup still shows the dossier, without the tracking. */
  async shipmentsOf(dossierCode: string): Promise<LookupShipmentView[] | null> {
    try {
      const response = await this.client.request<{ items: LookupShipmentView[] }>('postal', { path: '/internal/shipments/tracking', query: { dossierCode } });
      if (response.status === 200) return response.body.items;
      this.logger.warn(`postal answered ${response.status} for the tracking of ${dossierCode}`);
    } catch (error) {
      this.logger.warn(`no tracking for ${dossierCode}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  }
}
