import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Page } from '@onestop/platform';
import { AuditEntryView, AuditQuery } from './audit.dto.js';
import { AuditService } from './audit.service.js';
import { GatewayAccess } from '../access-policy.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access(GatewayAccess.readAuditLog)
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Admin only. Every change (POST, PUT, PATCH, DELETE on the API), whether it came through the gateway or straight to a service on its internal network: when, who (person or API key), method and path, what was done (`action`: the case action, such as `approve` or `refuse`), the dossier it touched (for a shipment action, the shipment\'s dossier), the outcome, the client address (as the gateway saw it; for a call straight to a service, the caller\'s own). Each service records the changes it answers, and the gateway those it answers itself (API keys, sign-in, requests turned away at the door); this list merges them, so a change appears once. Never bodies or query strings. Append-only; newest first; filter by `dossierCode` or `actor`. 503 when a service\'s log cannot be read.',
  })
  @ApiPageResponse(AuditEntryView, 'A page of entries.')
  @ApiProblems(400, 401, 403, 503)
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
