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

  it('publishes only the gateway port, mapped to the port the gateway listens on, and Grafana on the host\'s loopback', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway', 'grafana']);
    expect(compose.services.gateway.ports?.[0]).toMatch(new RegExp(`:${compose.services.gateway.environment?.PORT}$`));
    // Dashboards are for ops, not the public: reached by SSH tunnel or the province's reverse proxy.
    expect(compose.services.grafana.ports).toEqual([expect.stringMatching(/^127\.0\.0\.1:.+:3000$/)]);
  });
});

describe('monitoring in docker-compose.yml', () => {
  const deployFile = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
  /** `./deploy/x:/in/container[:ro]` → the container path a repository folder or file is mounted at. */
  const mountOf = (service: ComposeService, source: string) => service.volumes?.map((v) => v.split(':')).find(([from]) => from === source)?.[1];
  const prometheus = compose.services.prometheus;
  const grafana = compose.services.grafana;

  it('runs the official Prometheus and Grafana images at pinned versions, restarted, with their data on volumes', () => {
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(grafana.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    for (const service of [prometheus, grafana]) {
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test).toBeDefined();
      const named = service.volumes?.map((v) => v.split(':')[0]).filter((v) => !v.startsWith('.')) ?? [];
      expect(named.length).toBe(1);
      expect(Object.keys(compose.volumes)).toContain(named[0]);
    }
  });

  it('has Prometheus scrape every service\'s /metrics on the internal network, with the METRICS_TOKEN every service is given', () => {
    const configPath = mountOf(prometheus, './deploy/prometheus/prometheus.yml');
    expect((prometheus as { command?: string[] }).command).toContain(`--config.file=${configPath}`);
    const config = parse(deployFile('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: Array<{ metrics_path?: string; authorization?: { type: string; credentials_file: string }; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets.map((target) => ({ target, job }))));
    expect(targets.map((t) => t.target).sort()).toEqual(SERVICE_NAMES.map((name) => `${name}:${compose.services[name].environment?.PORT}`).sort());
    for (const { job } of targets) {
      expect(job.metrics_path ?? '/metrics').toBe('/metrics');
      expect(job.authorization?.type).toBe('Bearer');
      // The secret compose mounts in Prometheus, made from the METRICS_TOKEN the services check.
      const secret = (prometheus as { secrets?: string[] }).secrets?.[0];
      expect(job.authorization?.credentials_file).toBe(`/run/secrets/${secret}`);
      expect((compose as unknown as { secrets: Record<string, { environment: string }> }).secrets[secret!].environment).toBe('METRICS_TOKEN');
    }
    for (const name of SERVICE_NAMES) expect(compose.services[name].environment?.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);
  });

  it('provisions Grafana with the compose Prometheus and the dashboards kept in deploy/grafana/dashboards', () => {
    const provisioning = mountOf(grafana, './deploy/grafana/provisioning');
    expect(provisioning).toBe('/etc/grafana/provisioning');
    const datasources = parse(deployFile('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: Array<{ uid: string; type: string; url: string }> };
    const source = datasources.datasources.find((d) => d.type === 'prometheus')!;
    expect(source.url).toBe('http://prometheus:9090');
    const providers = parse(deployFile('deploy/grafana/provisioning/dashboards/onestop.yml')) as { providers: Array<{ options: { path: string } }> };
    expect(providers.providers[0].options.path).toBe(mountOf(grafana, './deploy/grafana/dashboards'));
    const dashboard = JSON.parse(deployFile('deploy/grafana/dashboards/onestop.json')) as { panels: Array<{ type: string; datasource?: { uid: string }; targets?: unknown[] }> };
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThan(0);
    for (const panel of graphs) {
      expect(panel.datasource?.uid).toBe(source.uid);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
    // No default admin password on a province's system.
    expect(grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
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
