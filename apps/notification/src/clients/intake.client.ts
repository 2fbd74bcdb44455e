import { Injectable, Logger } from '@nestjs/common';
import type { ComplaintContact, DossierContact } from '@onestop/domain';
import { ProblemException, ServiceClient } from '@onestop/platform';

/** What notification asks intake (service credential): how to reach an applicant or complainant. */
@Injectable()
export class IntakeClient {
  private readonly logger = new Logger('IntakeClient');

  constructor(private readonly client: ServiceClient) {}

  /** Null when intake has no such dossier. */
  async dossierContact(code: string): Promise<DossierContact | null> {
    return this.read<DossierContact>(`/internal/dossiers/${encodeURIComponent(code)}/notification-contact`);
  }

  /** Null when intake has no such complaint. */
  async complaintContact(id: string): Promise<ComplaintContact | null> {
    return this.read<ComplaintContact>(`/internal/complaints/${encodeURIComponent(id)}/notification-contact`);
  }

  private async read<T>(path: string): Promise<T | null> {
    const response = await this.client.request<T>('intake', { path });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    this.logger.error(`intake answered ${response.status} for ${path}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'Intake could not answer; try again shortly.');
  }
}
