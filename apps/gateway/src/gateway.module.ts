import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { GatewayConfig } from './config.js';
import { GATEWAY_MIGRATIONS } from './migrations/index.js';
import { DocsModule } from './docs/docs.module.js';
import { AuthModule } from './auth/auth.module.js';
import { HealthModule } from './health/health.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';

/** The public door: routing, merged OpenAPI, system health, and locally the identity provider. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'gateway', config: GatewayConfig, entities: [], migrations: GATEWAY_MIGRATIONS, events: false }),
    DocsModule,
    AuthModule,
    HealthModule,
    ApiKeysModule,
    AuditModule,
  ],
})
export class GatewayModule {}
