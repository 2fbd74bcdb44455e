import { Injectable, Logger } from '@nestjs/common';
import type { ResultDeliveryDetails } from '@onestop/domain';
import { type ProblemDocument, ProblemException, ServiceClient, type ServiceResponse } from '@onestop/platform';

/** Intake's reception checks of a dossier (`POST /dossiers/checks`). */
export interface ReceptionCheck {
  receivable: boolean;
  form: '02' | '03' | null;
  procedure: { code: string; versionNo: number; name: string };
  agency: { code: string; name: string };
  refusals: Array<{ code: string; field: string; reason: string }>;
  missingDocuments: Array<{ requirement: number; name: string; form: string; quantity: number }>;
}

/**
 * What postal asks of intake: the result's delivery address (service credential), and, on
 * behalf of the caller (their bearer token forwarded, so intake judges who they are), the
 * checks and the reception of a dossier collected by post.
 */
@Injectable()
export class IntakeClient {
  private readonly logger = new Logger('IntakeClient');

  constructor(private readonly client: ServiceClient) {}

  /** Null when intake has no such dossier. */
  async resultDelivery(dossierCode: string): Promise<ResultDeliveryDetails | null> {
    const response = await this.client.request<ResultDeliveryDetails>('intake', { path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/result-delivery` });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    throw this.failed(response, 'the result delivery address');
  }

  async check(authorization: string, dossier: Record<string, unknown>): Promise<ReceptionCheck> {
    const response = await this.client.request<ReceptionCheck>('intake', { method: 'POST', path: '/api/v1/dossiers/checks', headers: { authorization }, body: dossier, idempotent: true });
    if (response.status === 200) return response.body;
    throw this.relayed(response, 'checks');
  }

  /** Receives the dossier on the post channel; the key makes a repeated hand-over receive it once. */
  async receive(authorization: string, dossier: Record<string, unknown>, idempotencyKey: string): Promise<{ code: string }> {
    const response = await this.client.request<{ code: string }>('intake', {
      method: 'POST',
      path: '/api/v1/dossiers',
      headers: { authorization, 'idempotency-key': idempotencyKey },
      body: dossier,
      idempotent: true,
    });
    if (response.status === 201) return response.body;
    throw this.relayed(response, 'reception');
  }

  /**
   * Intake's refusal of the caller's dossier, passed on as it came (4xx problems), with the
   * fields named inside the request's `dossier`.
   */
  private relayed(response: ServiceResponse<unknown>, what: string): ProblemException {
    const problem = response.body as Partial<ProblemDocument> | string;
    if (response.status >= 400 && response.status < 500 && typeof problem === 'object' && problem.code) {
      const { type: _type, title, status: _status, code, detail, instance: _instance, requestId: _requestId, errors, ...extensions } = problem;
      const fields = errors?.map((e) => ({ field: `dossier.${e.field}`, reason: e.reason }));
      return new ProblemException(response.status, code, title ?? 'Refused', detail, { ...extensions, ...(fields ? { errors: fields } : {}) });
    }
    return this.failed(response, what);
  }

  private failed(response: ServiceResponse<unknown>, what: string): ProblemException {
    this.logger.error(`intake answered ${response.status} for ${what}: ${JSON.stringify(response.body).slice(0, 500)}`);
    return ProblemException.serviceUnavailable('dependency-failed', 'Intake could not answer; try again shortly.');
  }
}
