import { Injectable, Logger } from '@nestjs/common';
import { ServiceClient } from '@onestop/platform';

/** That intake received a dossier, for and by which agencies. */
export interface DossierReception {
  dossierCode: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  receivedAt: string;
}

/** What workflow asks intake. */
@Injectable()
export class IntakeClient {
  private readonly logger = new Logger('IntakeClient');

  constructor(private readonly client: ServiceClient) {}

  /** The dossier's reception; null when intake has no such dossier or cannot say now. */
  async receptionOf(dossierCode: string): Promise<DossierReception | null> {
    try {
      const response = await this.client.request<DossierReception>('intake', { path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/reception` });
      if (response.status === 200) return response.body;
      if (response.status !== 404) this.logger.warn(`intake answered ${response.status} for the reception of ${dossierCode}`);
    } catch (error) {
      this.logger.warn(`no reception of ${dossierCode} from intake: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  }
}
