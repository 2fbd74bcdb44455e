import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type Page, Roles } from '@onestop/platform';
import { AuditEntryView, AuditQuery } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Read the audit log',
    description: 'Admin only. Every change through the gateway (POST, PUT, PATCH, DELETE): when, who (person or API key), method and path, the dossier it touched, the outcome, the client address. Append-only; newest first.',
  })
  @ApiPageResponse(AuditEntryView, 'A page of entries.')
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
