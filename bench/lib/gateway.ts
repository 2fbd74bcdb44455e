import type { NestExpressApplication } from '@nestjs/platform-express';
import { BACKEND_SERVICES, type BackendService, serviceUrlSetting } from '@onestop/domain';
import { freePort, startTestService } from '@onestop/platform/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';
import { configureGatewayApp } from '../../apps/gateway/src/configure-gateway.js';

const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * The public door in front of the services a scenario runs, in this process: clients reach them
 * as in production. Services the scenario does not need are left unreachable; the rate limit is
 * raised to its maximum, since all the load comes from 127.0.0.1 (the limiter still counts every
 * request).
 */
export async function startGatewayInFront(options: { databaseUrl: string; serviceToken: string; services: Partial<Record<BackendService, string>>; env?: Record<string, string> }) {
  const port = await freePort();
  return startTestService(GatewayModule, {
    service: 'gateway',
    port,
    env: {
      DATABASE_URL: options.databaseUrl,
      SERVICE_TOKEN: options.serviceToken,
      LOG_LEVEL: 'error',
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...Object.fromEntries(BACKEND_SERVICES.map((service) => [serviceUrlSetting(service), options.services[service] ?? UNREACHABLE])),
      ...options.env,
    },
    configure: (app: NestExpressApplication) => configureGatewayApp(app),
  });
}
