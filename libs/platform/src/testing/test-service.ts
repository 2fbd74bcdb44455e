import { createServer } from 'node:net';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ENVIRONMENT, type Environment } from '../config/config.js';
import { configureServiceApp } from '../bootstrap/configure-app.js';
import { guardHttpServer } from '../bootstrap/http-server.js';
import { JsonLogger } from '../logging/json-logger.js';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestServiceOptions {
  service: string;
  port: number;
  env: Environment;
  configure?: (app: NestExpressApplication, service: string) => void;
  /** Replacements for providers that reach the outside world (clock, carrier, portal). */
  overrides?: Array<{ token: unknown; value: unknown }>;
}

export interface TestService {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * Boots a service exactly as `main.ts` does (same module, same HTTP pipeline, real database,
 * real HTTP port) but with its settings given here instead of read from process.env.
 */
export async function startTestService(module: Type<unknown> | DynamicModule, options: TestServiceOptions): Promise<TestService> {
  let builder = Test.createTestingModule({ imports: [module] }).overrideProvider(ENVIRONMENT).useValue(options.env);
  for (const override of options.overrides ?? []) {
    builder = builder.overrideProvider(override.token as Type<unknown>).useValue(override.value);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: new JsonLogger(options.service, (options.env.LOG_LEVEL as 'error') ?? 'error'),
  });
  (options.configure ?? configureServiceApp)(app, options.service);
  guardHttpServer(app.getHttpServer());
  await app.listen(options.port, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${options.port}`, close: () => app.close() };
}
