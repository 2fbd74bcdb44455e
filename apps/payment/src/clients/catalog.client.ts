import { Injectable, Logger } from '@nestjs/common';
import type { FeeLine } from '@onestop/domain';
import { ProblemException, ServiceClient } from '@onestop/platform';

/**
 * The fee lines of the procedure version a dossier is judged by (the one in force at its
 * receipt), from catalog's public version resource.
 */
@Injectable()
export class CatalogClient {
  private readonly logger = new Logger('CatalogClient');

  constructor(private readonly client: ServiceClient) {}

  /** Null when catalog has no such version. */
  async versionFees(procedureCode: string, versionNo: number): Promise<FeeLine[] | null> {
    const response = await this.client.request<{ procedure: { fees: FeeLine[] } }>('catalog', {
      path: `/api/v1/procedures/${encodeURIComponent(procedureCode)}/versions/${versionNo}`,
    });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body.procedure.fees ?? [];
    this.logger.error(`catalog answered ${response.status} for ${procedureCode} version ${versionNo}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'Catalog could not answer; try again shortly.');
  }
}
