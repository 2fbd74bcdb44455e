import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BACKEND_SERVICES, type BackendService, type Role, serviceUrlSetting, type ServiceName } from '@onestop/domain';
import { Clock } from '@onestop/platform';
import { createTestDatabase, freePort, startTestService, testSettings, testSigning, type TestService } from '@onestop/platform/testing';
import { DEPARTMENT, OTHER_AGENCY, PROVINCE, SERVICE_CENTRE } from './fixtures/catalog.js';
import { CatalogModule } from '../apps/catalog/src/catalog.module.js';
import { IntakeModule } from '../apps/intake/src/intake.module.js';
import { WorkflowModule } from '../apps/workflow/src/workflow.module.js';
import { PostalModule } from '../apps/postal/src/postal.module.js';
import { ReportingModule } from '../apps/reporting/src/reporting.module.js';
import { PortalModule } from '../apps/portal/src/portal.module.js';
import { PaymentModule } from '../apps/payment/src/payment.module.js';
import { NotificationModule } from '../apps/notification/src/notification.module.js';
import { GatewayModule } from '../apps/gateway/src/gateway.module.js';
import { configureGatewayApp } from '../apps/gateway/src/configure-gateway.js';
import { signAccessToken } from '../apps/gateway/src/auth/access-token-issuer.js';
import { parseSigningKey } from '../apps/gateway/src/auth/signing-key.js';

/** The agencies of the test fixtures, each with a signing key for electronic results. */
const FIXTURE_AGENCIES = [PROVINCE, SERVICE_CENTRE, DEPARTMENT, OTHER_AGENCY];

const MODULES: Record<ServiceName, Type<unknown> | DynamicModule> = {
  gateway: GatewayModule,
  catalog: CatalogModule,
  intake: IntakeModule,
  workflow: WorkflowModule,
  postal: PostalModule,
  reporting: ReportingModule,
  portal: PortalModule,
  payment: PaymentModule,
  notification: NotificationModule,
};

export interface Stack {
  /** Base URL of the gateway, e.g. http://127.0.0.1:40123 */
  gatewayUrl: string;
  databaseUrl: string;
  serviceToken: string;
  /** `Authorization` header value of the bootstrap administrator. */
  adminAuth: string;
  /**
   * `Authorization` header value (`Bearer <jwt>`) for a person, signed with the gateway's key
   * and issuer as the gateway signs demo users' tokens, so every service accepts it. Valid for an hour
   * unless `terms` says otherwise (e.g. an `expiresAt` in the past for an expired token).
   */
  tokenFor(claims: { subject: string; roles: Role[]; agencyCodes?: string[]; name?: string }, terms?: { issuedAt?: Date; expiresAt?: Date }): Promise<string>;
  urlOf(service: ServiceName): string;
  /** A running service's Nest application, to reach its providers (e.g. a benchmark timing a job). */
  app(service: ServiceName): NestExpressApplication;
  /** Stops one service, as if its process died; the others keep running. */
  stop(service: ServiceName): Promise<void>;
  /** Starts a stopped service again on its old port. */
  start(service: ServiceName): Promise<void>;
  close(): Promise<void>;
}

/**
 * All the services on their own ports, talking real HTTP to each other, on a fresh database
 * of the test server: the system as a client sees it, in one jest process.
 */
export interface StackOptions {
  /** The time every service reads (receipts, online-only days, lateness); the real clock when omitted. */
  clock?: Clock;
  /** A database that exists already (one restored from a backup), instead of a fresh one of the test server. */
  databaseUrl?: string;
}

/** A free port for each service of a stack. */
export async function stackPorts(): Promise<Record<ServiceName, number>> {
  return Object.fromEntries(await Promise.all((Object.keys(MODULES) as ServiceName[]).map(async (s) => [s, await freePort()] as const))) as Record<ServiceName, number>;
}

/**
 * The settings every service of a stack runs with besides its PORT: the database, fresh
 * credentials, the gateway as identity provider, each other's URLs. The same for services run
 * in this process (startStack) and as processes of their own (test/processes).
 */
export async function stackEnvironment(databaseUrl: string, ports: Record<ServiceName, number>, settings: Record<string, string> = {}): Promise<Record<string, string>> {
  const serviceToken = randomBytes(24).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  return {
    DATABASE_URL: databaseUrl,
    SERVICE_TOKEN: serviceToken,
    ADMIN_TOKEN: adminToken,
    ...testSettings(),
    // The gateway is the identity provider: it signs with this key and every service fetches
    // the public half from it, for people's tokens (AUTH_*) and its own (GATEWAY_*: API keys,
    // demo users). A test standing in an identity provider of its own overrides AUTH_*.
    AUTH_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
    AUTH_JWKS_URL: `http://127.0.0.1:${ports.gateway}/api/v1/auth/jwks.json`,
    AUTH_ISSUER: 'onestop-local',
    AUTH_AUDIENCE: 'onestop',
    GATEWAY_JWKS_URL: `http://127.0.0.1:${ports.gateway}/api/v1/auth/jwks.json`,
    GATEWAY_TOKEN_ISSUER: 'onestop-gateway',
    ...Object.fromEntries(BACKEND_SERVICES.map((s: BackendService) => [serviceUrlSetting(s), `http://127.0.0.1:${ports[s]}`])),
    // Electronic results are signed with a test CA's keys for the fixtures' agencies.
    ...(await testSigning(FIXTURE_AGENCIES)).settings,
    RESULT_VERIFY_URL: `http://127.0.0.1:${ports.gateway}/api/v1/results/verify`,
    ...settings,
  };
}

/** Signs people's tokens as the gateway of a stack with these settings signs demo users' tokens. */
export function tokenSigner(env: Record<string, string>): Stack['tokenFor'] {
  return async (claims, terms = {}) => {
    const issuedAt = terms.issuedAt ?? (terms.expiresAt && terms.expiresAt < new Date() ? new Date(terms.expiresAt.getTime() - 3600_000) : new Date());
    const token = await signAccessToken(
      parseSigningKey(env.AUTH_SIGNING_KEY),
      { subject: claims.subject, roles: claims.roles, agencyCodes: claims.agencyCodes ?? [], ...(claims.name ? { name: claims.name } : {}) },
      { issuer: env.GATEWAY_TOKEN_ISSUER, audience: env.AUTH_AUDIENCE, issuedAt, expiresAt: terms.expiresAt ?? new Date(issuedAt.getTime() + 3600_000) },
    );
    return `Bearer ${token}`;
  };
}

export async function startStack(settings: Record<string, string> = {}, options: StackOptions = {}): Promise<Stack> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase('stack'));
  const ports = await stackPorts();
  const env = await stackEnvironment(databaseUrl, ports, settings);
  const serviceToken = env.SERVICE_TOKEN;
  const adminToken = env.ADMIN_TOKEN;
  const running = new Map<ServiceName, TestService>();
  const start = async (service: ServiceName) => {
    running.set(
      service,
      await startTestService(MODULES[service], {
        service,
        port: ports[service],
        env: { ...env, PORT: String(ports[service]) },
        configure: service === 'gateway' ? (app: NestExpressApplication) => configureGatewayApp(app) : undefined,
        overrides: options.clock ? [{ token: Clock, value: options.clock }] : [],
      }),
    );
  };
  // One after another: each runs its migrations at start.
  for (const service of Object.keys(MODULES) as ServiceName[]) await start(service);
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    databaseUrl,
    serviceToken,
    adminAuth: `Bearer ${adminToken}`,
    tokenFor: tokenSigner(env),
    urlOf: (service) => `http://127.0.0.1:${ports[service]}`,
    app: (service) => {
      const started = running.get(service);
      if (!started) throw new Error(`${service} is not running`);
      return started.app;
    },
    stop: async (service) => {
      await running.get(service)?.close();
      running.delete(service);
    },
    start,
    close: async () => {
      for (const service of [...running.keys()].reverse()) await running.get(service)!.close();
      running.clear();
    },
  };
}

export { eventually } from '@onestop/platform/testing';
