import { Injectable, Logger } from '@nestjs/common';
import type { CaseFormsData } from '@onestop/domain';
import { ProblemException, ServiceClient } from '@onestop/platform';

export type { CaseControlSheet, CaseFormsData } from '@onestop/domain';

/** Reads from workflow, the owner of a case, what the forms it issued say. */
@Injectable()
export class WorkflowFormsClient {
  private readonly logger = new Logger('WorkflowForms');

  constructor(private readonly client: ServiceClient) {}

  /** Null while the dossier's case is not open (a moment after receipt); 503 when workflow cannot answer. */
  async formsData(dossierCode: string): Promise<CaseFormsData | null> {
    const response = await this.client
      .request<CaseFormsData>('workflow', { path: `/internal/cases/${encodeURIComponent(dossierCode)}/forms-data` })
      .catch((error: unknown) => {
        this.logger.warn(`forms of ${dossierCode} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
    if (response?.status === 200) return response.body;
    if (response?.status === 404) return null;
    if (response) this.logger.warn(`workflow answered ${response.status} for the forms of ${dossierCode}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'Processing could not give the form\'s data; try again shortly.');
  }
}
