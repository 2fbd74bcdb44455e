import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { ServiceName } from '@onestop/domain';
import { type ConfigClass, ENVIRONMENT, type Environment, loadConfig, ServiceConfig } from './config/config.js';
import { DatabaseModule, type DatabaseOptions } from './database/database.module.js';
import { ServiceClient } from './client/service-client.js';
import { ServiceTokenGuard } from './auth/service-token.guard.js';
import { CallerResolver } from './auth/caller.js';
import { AccessTokenVerifier } from './auth/access-token-verifier.js';
import { AccessGuard } from './auth/roles.guard.js';
import { APP_GUARD } from '@nestjs/core';
import { HealthController } from './health/health.controller.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OutboxRelay } from './outbox/outbox.relay.js';
import { DeliveryOnCommit } from './outbox/delivery-on-commit.js';
import { InboxService } from './inbox/inbox.service.js';
import { InternalEventsController } from './inbox/internal-events.controller.js';
import { EventFeedController } from './outbox/event-feed.controller.js';
import { CreateOutboxAndInbox1732300000000 } from './outbox/outbox.migration.js';
import { SERVICE_NAME } from './service-name.js';
import { Clock } from './clock/clock.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { CreateIdempotencyKeys1764000000000 } from './idempotency/idempotency.migration.js';
import { FILE_STORAGE_PROVIDER } from './storage/file-storage.provider.js';
import { AuditLog } from './audit/audit-log.js';
import { CreateAuditLog1764100000000 } from './audit/audit.migration.js';
import { InternalAuditController } from './audit/internal-audit.controller.js';
import { Metrics } from './metrics/metrics.js';
import { PlatformMetrics } from './metrics/platform-metrics.js';
import { Tracing } from './tracing/tracing.js';
import { AddOutboxTraceContext1733500000000 } from './outbox/outbox-trace-context.migration.js';

export interface ServiceDefinition<C extends ServiceConfig> {
  service: ServiceName;
  config: ConfigClass<C>;
  entities: DatabaseOptions['entities'];
  /** The app's own migrations; the outbox and inbox tables are added before them. */
  migrations: DatabaseOptions['migrations'];
  /** Whether this is a backend service: it publishes and receives events, and gets the shared audit log migration and /internal/audit (every backend service; not the gateway, whose audit table is its own migrations'). */
  events?: boolean;
}

/**
 * Everything a service needs from the platform, wired the same way in every app: validated
 * config, its database schema and migrations, health, the service client, and the outbox
 * and inbox. Global, so feature modules inject these without importing anything.
 */
@Module({})
export class PlatformModule {
  static forService<C extends ServiceConfig>(definition: ServiceDefinition<C>): DynamicModule {
    const events = definition.events ?? true;
    const providers: Provider[] = [
      { provide: ENVIRONMENT, useValue: process.env },
      { provide: definition.config, useFactory: (env: Environment) => loadConfig(definition.config, env), inject: [ENVIRONMENT] },
      ...(definition.config === (ServiceConfig as unknown) ? [] : [{ provide: ServiceConfig, useExisting: definition.config }]),
      { provide: SERVICE_NAME, useValue: definition.service },
      Clock,
      ServiceClient,
      ServiceTokenGuard,
      AccessTokenVerifier,
      CallerResolver,
      FILE_STORAGE_PROVIDER,
      AuditLog,
      Metrics,
      Tracing,
      PlatformMetrics,
      ...(events ? [OutboxRelay, DeliveryOnCommit, OutboxService, InboxService, IdempotencyService] : []),
    ];
    const migrations = events
      ? [CreateOutboxAndInbox1732300000000, ...(definition.migrations as unknown[]), CreateIdempotencyKeys1764000000000, CreateAuditLog1764100000000, AddOutboxTraceContext1733500000000]
      : definition.migrations;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        DiscoveryModule,
        DatabaseModule.forService({
          schema: definition.service,
          entities: definition.entities,
          migrations: migrations as DatabaseOptions['migrations'],
        }),
      ],
      controllers: [HealthController, ...(events ? [InternalEventsController, EventFeedController, InternalAuditController] : [])],
      providers: [...providers, { provide: APP_GUARD, useClass: AccessGuard }],
      exports: [...providers, DatabaseModule],
    };
  }
}
