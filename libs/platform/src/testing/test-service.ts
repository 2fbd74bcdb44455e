import { createServer } from 'node:net';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ENVIRONMENT, type Environment } from '../config/config.js';
import { configureServiceApp } from '../bootstrap/configure-app.js';
import { guardHttpServer } from '../bootstrap/http-server.js';
import { JsonLogger } from '../logging/json-logger.js';

/** Ports handed out below the kernel's ephemeral range (32768-60999 here), a block per Jest worker. */
const FIRST_PORT = 20000;
const PORTS_PER_WORKER = 1500;
let nextOffset = 0;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port nobody listens on right now, for a service a test starts a moment later. Not one the
 * kernel picks (listen on 0): between closing it and the service listening, the kernel may give
 * that port to an outgoing connection (a database pool's, a service client's), and the service
 * fails with EADDRINUSE, as CI saw. Below the ephemeral range no connection takes it, and each
 * Jest worker has its own block, so two suites running side by side never pick the same one.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? 0) % 8;
  for (let attempt = 0; attempt < PORTS_PER_WORKER; attempt++) {
    const port = FIRST_PORT + worker * PORTS_PER_WORKER + (nextOffset++ % PORTS_PER_WORKER);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${FIRST_PORT + worker * PORTS_PER_WORKER}-${FIRST_PORT + (worker + 1) * PORTS_PER_WORKER - 1}`);
}

/** What every service started by a test runs with, besides its database and credentials: events delivered and retried quickly, short timeouts. */
export function testSettings(): Record<string, string> {
  return {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    OUTBOX_POLL_MS: '100',
    OUTBOX_MAX_BACKOFF_MS: '400',
    HTTP_TIMEOUT_MS: '2000',
    // Tests drive one client hard (polling included); the rate-limit test sets its own.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // The access test sends thousands of expired and forged tokens from one address on purpose.
    CREDENTIAL_FAILURES_PER_MINUTE: '1000000',
  };
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
