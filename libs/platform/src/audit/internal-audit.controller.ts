import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServiceTokenGuard } from '../auth/service-token.guard.js';
import { type AuditEntry, AuditLog, AuditLogQuery } from './audit-log.js';

/** This service's audit log, for the gateway's `GET /api/v1/audit`, which merges every service's. */
@ApiExcludeController()
@Controller('internal/audit')
@UseGuards(ServiceTokenGuard)
export class InternalAuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  async list(@Query() query: AuditLogQuery): Promise<{ items: AuditEntry[] }> {
    return { items: await this.audit.entries(query) };
  }
}
