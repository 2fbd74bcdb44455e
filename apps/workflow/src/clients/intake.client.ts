import { Injectable, Logger } from '@nestjs/common';
import { ProblemException, ServiceClient } from '@onestop/platform';

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

  /**
   * The dossier's reception; null when intake has no such dossier. When intake cannot say (down,
   * restarting, failing), a 503 to send again: a 404 would tell the caller the dossier is not theirs.
   */
  async receptionOf(dossierCode: string): Promise<DossierReception | null> {
    let status: number;
    try {
      const response = await this.client.request<DossierReception>('intake', { path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/reception` });
      if (response.status === 200) return response.body;
      if (response.status === 404) return null;
      status = response.status;
    } catch (error) {
      this.logger.warn(`no reception of ${dossierCode} from intake: ${error instanceof Error ? error.message : String(error)}`);
      throw intakeCannotSay();
    }
    this.logger.warn(`intake answered ${status} for the reception of ${dossierCode}`);
    throw intakeCannotSay();
  }
}

const intakeCannotSay = () => ProblemException.serviceUnavailable('dependency-failed', 'Intake could not say whether the dossier was received; try again shortly.').withRetryAfter(1);
