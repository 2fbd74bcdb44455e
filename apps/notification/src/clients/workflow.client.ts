import { Injectable, Logger } from '@nestjs/common';
import type { CaseNoticeRecipients } from '@onestop/domain';
import { ProblemException, ServiceClient } from '@onestop/platform';

/** What notification asks workflow (service credential): whom a case's notices go to. */
@Injectable()
export class WorkflowClient {
  private readonly logger = new Logger('WorkflowClient');

  constructor(private readonly client: ServiceClient) {}

  /** Null when workflow has no case for the dossier. */
  async noticeRecipients(code: string): Promise<CaseNoticeRecipients | null> {
    const path = `/internal/cases/${encodeURIComponent(code)}/notice-recipients`;
    const response = await this.client.request<CaseNoticeRecipients>('workflow', { path });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    this.logger.error(`workflow answered ${response.status} for ${path}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'Workflow could not answer; try again shortly.');
  }
}
