import { Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { BACKEND_SERVICES } from '@onestop/domain';
import { ServiceClient } from '@onestop/platform';
import { mergeDocuments, type ServiceDocument } from './merge-documents.js';

@Injectable()
export class DocsService {
  private readonly logger = new Logger('Docs');

  private gatewayDocument?: () => OpenAPIObject;

  constructor(private readonly client: ServiceClient) {}

  /**
   * The gateway's own operations (such as `/api/v1/auth`) join the public document too. Built
   * from the running app, so it is handed in once the app exists.
   */
  describeGatewayWith(build: () => OpenAPIObject): void {
    let document: OpenAPIObject | undefined;
    this.gatewayDocument = () => (document ??= build());
  }

  /**
   * The merged public document, built from the gateway's own operations and each service's
   * own `/openapi.json` on request, so it always matches what is deployed. A service that
   * does not answer is left out and named in `x-unavailable-services`.
   */
  async publicDocument(): Promise<Record<string, unknown>> {
    const parts: ServiceDocument[] = [];
    const unavailable: string[] = [];
    await Promise.all(
      BACKEND_SERVICES.map(async (service) => {
        try {
          const response = await this.client.request<OpenAPIObject>(service, { path: '/openapi.json' });
          if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          parts.push({ service, document: response.body });
        } catch (error) {
          this.logger.warn(`no OpenAPI document from ${service}: ${error instanceof Error ? error.message : String(error)}`);
          unavailable.push(service);
        }
      }),
    );
    parts.sort((a, b) => BACKEND_SERVICES.indexOf(a.service as never) - BACKEND_SERVICES.indexOf(b.service as never));
    if (this.gatewayDocument) parts.unshift({ service: 'gateway', document: this.gatewayDocument() });
    return mergeDocuments(parts, unavailable.sort());
  }
}
