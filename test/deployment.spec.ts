import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { BACKEND_SERVICES, SERVICE_NAMES, serviceUrlSetting, type ServiceName } from '@onestop/domain';
import { type ConfigClass, requiredSettingNames, type ServiceConfig, settingNames } from '@onestop/platform';
import { GatewayConfig } from '../apps/gateway/src/config.js';
import { CatalogConfig } from '../apps/catalog/src/config.js';
import { IntakeConfig } from '../apps/intake/src/config.js';
import { WorkflowConfig } from '../apps/workflow/src/config.js';
import { PostalConfig } from '../apps/postal/src/config.js';
import { ReportingConfig } from '../apps/reporting/src/config.js';
import { PortalConfig } from '../apps/portal/src/config.js';
import { PaymentConfig } from '../apps/payment/src/config.js';
import { NotificationConfig } from '../apps/notification/src/config.js';

/** No Docker engine runs here, so the compose file is checked against the apps' own config classes. */
const CONFIGS: Record<ServiceName, ConfigClass<ServiceConfig>> = {
  gateway: GatewayConfig,
  catalog: CatalogConfig,
  intake: IntakeConfig,
  workflow: WorkflowConfig,
  postal: PostalConfig,
  reporting: ReportingConfig,
  portal: PortalConfig,
  payment: PaymentConfig,
  notification: NotificationConfig,
};

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: unknown };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 18 with a health check and a named volume', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:18/);
    expect(postgres.healthcheck?.test).toBeDefined();
    const volume = postgres.volumes?.[0].split(':')[0];
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it.each(SERVICE_NAMES)('runs %s from the one image, healthy, restarted, after PostgreSQL', (name) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service.build).toBe('.');
    expect(service.environment?.SERVICE).toBe(name);
    expect(service.restart).toBe('unless-stopped');
    expect(service.healthcheck?.test).toBeDefined();
    expect(service.depends_on?.postgres.condition).toBe('service_healthy');
  });

  it.each(SERVICE_NAMES)('gives %s every setting it requires, and none it does not know', (name) => {
    const environment = compose.services[name].environment ?? {};
    for (const setting of requiredSettingNames(CONFIGS[name])) expect(Object.keys(environment)).toContain(setting);
    const known = new Set([...settingNames(CONFIGS[name]), 'SERVICE']);
    expect(Object.keys(environment).filter((setting) => !known.has(setting))).toEqual([]);
  });

  it('points every service URL at the service that listens there', () => {
    for (const name of SERVICE_NAMES) {
      const environment = compose.services[name].environment ?? {};
      for (const target of BACKEND_SERVICES) {
        const value = environment[serviceUrlSetting(target)];
        if (value !== undefined) expect(value).toBe(`http://${target}:${compose.services[target].environment?.PORT}`);
      }
    }
  });

  it('points every service at the compose PostgreSQL and its database', () => {
    const postgres = compose.services.postgres.environment ?? {};
    for (const name of SERVICE_NAMES) {
      const url = compose.services[name].environment?.DATABASE_URL ?? '';
      expect(url).toMatch(new RegExp(`^postgresql://${postgres.POSTGRES_USER}:.+@postgres:5432/${postgres.POSTGRES_DB}$`));
    }
  });

  it('has every service listen on all interfaces inside its container, where npm start keeps the services on loopback', () => {
    // Inside compose the services talk over the internal network, so each must listen on it;
    // only the gateway's port is published. Outside compose the services default to loopback,
    // and the gateway, the public door, to all interfaces.
    for (const name of SERVICE_NAMES) expect({ name, host: compose.services[name].environment?.LISTEN_HOST }).toEqual({ name, host: '0.0.0.0' });
    const defaults = Object.fromEntries(SERVICE_NAMES.map((name) => [name, new CONFIGS[name]().LISTEN_HOST]));
    expect(defaults).toEqual({ gateway: '0.0.0.0', catalog: '127.0.0.1', intake: '127.0.0.1', workflow: '127.0.0.1', postal: '127.0.0.1', reporting: '127.0.0.1', portal: '127.0.0.1', payment: '127.0.0.1', notification: '127.0.0.1' });
  });

  it('publishes only the gateway port, mapped to the port the gateway listens on', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    expect(compose.services.gateway.ports?.[0]).toMatch(new RegExp(`:${compose.services.gateway.environment?.PORT}$`));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');

  it('builds in one stage and runs production dependencies only, as a non-root user, in another', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/npm install --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/HEALTHCHECK/);
  });

  it('builds and runs on a Node.js release still supported (22 or 24 LTS; Node 20 reached its end of life in April 2026)', () => {
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)[^\s]* AS \w+$/gm)].map((m) => Number(m[1]));
    expect(images).toHaveLength(dockerfile.match(/^FROM /gm)?.length ?? 0);
    for (const major of images) expect([22, 24]).toContain(major);
  });
});
