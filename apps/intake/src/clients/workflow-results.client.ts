import { Injectable, Logger } from '@nestjs/common';
import { ProblemException, ServiceClient } from '@onestop/platform';

/** A signed result's PDF as workflow, which issued it, answers it. */
export interface ResultFile {
  id: string;
  sha256: string;
  status: 'in_force' | 'revoked';
  content: Buffer;
}

/** Reads electronic results from workflow, their owner: the one in force for the applicant's download, one by id for the store. */
@Injectable()
export class WorkflowResultsClient {
  private readonly logger = new Logger('WorkflowResults');

  constructor(private readonly client: ServiceClient) {}

  /** The dossier's result in force; null when it has none (none issued, or revoked). */
  inForce(dossierCode: string): Promise<ResultFile | null> {
    return this.read(`/internal/cases/${encodeURIComponent(dossierCode)}/electronic-result`, `the result of ${dossierCode}`);
  }

  byId(resultId: string): Promise<ResultFile | null> {
    return this.read(`/internal/electronic-results/${encodeURIComponent(resultId)}`, `result ${resultId}`);
  }

  private async read(path: string, what: string): Promise<ResultFile | null> {
    const response = await this.client.request<Buffer>('workflow', { path });
    if (response.status === 404) return null;
    if (response.status !== 200 || !Buffer.isBuffer(response.body)) {
      this.logger.warn(`workflow answered ${response.status} for ${what}`);
      throw ProblemException.serviceUnavailable('dependency-failed', 'Processing could not give the result\'s file; try again shortly.');
    }
    return {
      id: String(response.headers['x-result-id']),
      sha256: String(response.headers['x-result-sha256']),
      status: response.headers['x-result-status'] === 'revoked' ? 'revoked' : 'in_force',
      content: response.body,
    };
  }
}
