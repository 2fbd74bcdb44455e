import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { GatewayConfig } from './config.js';
import { GATEWAY_MIGRATIONS } from './migrations/index.js';
import { DocsModule } from './docs/docs.module.js';
import { AuthModule } from './auth/auth.module.js';
import { SystemHealthController } from './health/system-health.controller.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';

/** The public door: routing, merged OpenAPI, system health, and locally the identity provider. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'gateway', config: GatewayConfig, entities: [], migrations: GATEWAY_MIGRATIONS, events: false }),
    DocsModule,
    AuthModule,
  ],
  controllers: [SystemHealthController, ApiKeysController, AuditController],
  providers: [ApiKeysService, AuditService],
})
export class GatewayModule {}
