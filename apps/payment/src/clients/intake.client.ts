import { Injectable, Logger } from '@nestjs/common';
import { type ProblemDocument, ProblemException, ServiceClient, type ServiceResponse } from '@onestop/platform';

/** Who pays a dossier's fees, for the platform's receipt information and our receipt. */
export interface DossierPayer {
  name: string;
  idNumber: string;
}

/**
 * What payment asks of intake: the payer of a dossier (service credential), and whether a person
 * may read a dossier: with its lookup code (intake's public lookup, which counts wrong codes
 * towards the dossier's limit) or with their own token forwarded (intake judges ownership).
 */
@Injectable()
export class IntakeClient {
  private readonly logger = new Logger('IntakeClient');

  constructor(private readonly client: ServiceClient) {}

  async payer(dossierCode: string): Promise<DossierPayer | null> {
    const response = await this.client.request<DossierPayer>('intake', { path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/payer` });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    throw this.failed(response, 'the payer');
  }

  /** Whether the lookup code opens the dossier; a 429 of intake's guess limit is passed on. */
  async opensWithCode(dossierCode: string, secret: string): Promise<boolean> {
    const response = await this.client.request('intake', { path: `/api/v1/lookup`, query: { code: dossierCode, secret } });
    return this.judged(response, 'the lookup');
  }

  /** Whether the person whose token this is may read the dossier at intake. */
  async readableBy(dossierCode: string, authorization: string): Promise<boolean> {
    const response = await this.client.request('intake', { path: `/api/v1/dossiers/${encodeURIComponent(dossierCode)}`, headers: { authorization } });
    return this.judged(response, 'the dossier');
  }

  private judged(response: ServiceResponse<unknown>, what: string): boolean {
    if (response.status === 200) return true;
    if (response.status === 404 || response.status === 403 || response.status === 400) return false;
    const problem = response.body as Partial<ProblemDocument>;
    if (response.status === 429) {
      const retry = Number(response.headers?.['retry-after'] ?? 900);
      throw new ProblemException(429, 'too-many-lookup-attempts', 'Too Many Requests', typeof problem?.detail === 'string' ? problem.detail : 'Too many wrong lookup codes for this dossier; wait and try again.').withRetryAfter(retry);
    }
    throw this.failed(response, what);
  }

  private failed(response: ServiceResponse<unknown>, what: string): ProblemException {
    this.logger.error(`intake answered ${response.status} for ${what}`);
    return ProblemException.serviceUnavailable('dependency-failed', 'Intake could not answer; try again shortly.');
  }
}
