import { Module } from '@nestjs/common';
import { AuditLogsClient } from '../clients/audit-logs.client.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** The merged audit log of every service and of the gateway itself. */
@Module({ controllers: [AuditController], providers: [AuditService, AuditLogsClient], exports: [AuditService] })
export class AuditModule {}
