import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { NationalDossierRecord } from '@onestop/domain';
import { asciiFileName, ServiceClient, type ServiceResponse } from '@onestop/platform';
import { PortalUnavailableError } from '../adapters/national-portal.js';

/** What intake answers a push of the portal's dossier with, as far as the connector reads it. */
export interface ReceivedDossier {
  code: string;
  status: string;
  nationalStatusCode: number;
}

/** What the connector asks intake: a dossier's record for the portal (service credential); the portal's own dossiers, received on its behalf. */
@Injectable()
export class IntakeClient {
  constructor(private readonly client: ServiceClient) {}

  /** Null when intake has no such dossier; intake unreachable waits like the portal being down. */
  async nationalRecord(dossierCode: string): Promise<NationalDossierRecord | null> {
    const response = await this.client.request<NationalDossierRecord>('intake', { path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/national-record` });
    if (response.status === 404) return null;
    if (response.status === 200) return response.body;
    throw new PortalUnavailableError(`intake answered ${response.status} for the dossier's record`);
  }

  /** Intake's reception of a dossier the portal pushed (`POST /sync/dossiers`, the caller's credential forwarded): the answer as it came. */
  async receivePortalDossier(authorization: string, dossier: Record<string, unknown>, idempotencyKey: string): Promise<ServiceResponse<ReceivedDossier>> {
    return this.client.request<ReceivedDossier>('intake', {
      method: 'POST',
      path: '/api/v1/sync/dossiers',
      headers: { authorization, 'idempotency-key': idempotencyKey },
      body: dossier,
      idempotent: true,
    });
  }

  /** Stores one of the portal's files as the dossier's document (checked by intake as an upload); the same file twice is stored once. */
  async storePortalFile(dossierCode: string, file: { name: string; bytes: Buffer; mediaType: string; requirement: number | null }): Promise<ServiceResponse<unknown>> {
    const boundary = `----onestop-${randomBytes(12).toString('hex')}`;
    const parts: Buffer[] = [];
    if (file.requirement !== null) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="requirement"\r\n\r\n${file.requirement}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${asciiFileName(file.name).replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.name)}\r\ncontent-type: ${file.mediaType}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.client.request('intake', {
      method: 'POST',
      path: `/internal/dossiers/${encodeURIComponent(dossierCode)}/national-portal/documents`,
      rawBody: { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat(parts) },
      idempotent: true,
    });
  }
}
