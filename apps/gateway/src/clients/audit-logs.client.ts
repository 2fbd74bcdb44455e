import { Injectable, Logger } from '@nestjs/common';
import type { ServiceName } from '@onestop/domain';
import { type AuditEntry, type AuditLogQuery, ProblemException, ServiceClient } from '@onestop/platform';

/** Each backend service's audit log, read at its `/internal/audit` with the service credential. */
@Injectable()
export class AuditLogsClient {
  private readonly logger = new Logger('Audit');

  constructor(private readonly services: ServiceClient) {}

  /** A page of one service's log; a 503 `audit-unavailable` when the service does not answer it. */
  async entries(source: Exclude<ServiceName, 'gateway'>, query: AuditLogQuery): Promise<AuditEntry[]> {
    const response = await this.services.request<{ items: AuditEntry[] }>(source, {
      path: '/internal/audit',
      query: { limit: query.limit, dossierCode: query.dossierCode, actor: query.actor, beforeAt: query.beforeAt, beforeId: query.beforeId },
    });
    if (response.status !== 200) {
      this.logger.warn(`${source} answered its audit log with HTTP ${response.status}`);
      throw ProblemException.serviceUnavailable('audit-unavailable', `The ${source} service's audit log cannot be read now; try again shortly.`);
    }
    return response.body.items;
  }
}
