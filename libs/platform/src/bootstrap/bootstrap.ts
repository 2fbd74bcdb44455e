import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, ServiceConfig } from '../config/config.js';
import { JsonLogger } from '../logging/json-logger.js';
import { configureServiceApp } from './configure-app.js';
import { guardHttpServer } from './http-server.js';

type LogLevelSetting = ConstructorParameters<typeof JsonLogger>[1];

/**
 * Starts a backend service as its `main.ts` does in production: JSON logs, the common HTTP
 * conventions, graceful shutdown on SIGTERM/SIGINT. A configuration error stops the process
 * with exit code 1 and names every bad setting.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  service: string,
  configure: (app: NestExpressApplication, service: string) => void = configureServiceApp,
): Promise<void> {
  const logger = new JsonLogger(service, (process.env.LOG_LEVEL as LogLevelSetting) ?? 'log');
  try {
    const app = await NestFactory.create<NestExpressApplication>(module, { logger, abortOnError: false, bodyParser: false });
    configure(app, service);
    app.enableShutdownHooks();
    // Node's own refusals as problem+json, absolute-form targets as origin-form (http-server.ts).
    guardHttpServer(app.getHttpServer());
    const config = app.get(ServiceConfig);
    // Loopback unless LISTEN_HOST says otherwise (the gateway, the public door, defaults to all interfaces).
    await app.listen(config.PORT, config.LISTEN_HOST);
    logger.log(`${service} listening on ${config.LISTEN_HOST} port ${config.PORT}`);
  } catch (error) {
    reportStartupFailure(logger, service, error);
  }
}

export function reportStartupFailure(logger: JsonLogger, service: string, error: unknown): never {
  if (error instanceof ConfigError) {
    logger.fatal(`${service} cannot start: ${error.message}`);
  } else {
    logger.fatal(`${service} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(1);
}
