import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendFileSync } from 'node:fs';
import { SERVICE_NAMES, type ServiceName } from '@onestop/domain';
import { eventually } from '@onestop/platform/testing';
import { type Stack, stackEnvironment, stackPorts, tokenSigner } from '../stack.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ProcessStack extends Pick<Stack, 'gatewayUrl' | 'databaseUrl' | 'serviceToken' | 'adminAuth' | 'tokenFor' | 'urlOf'> {
  /** The operating system's process id of a running service. */
  pid(service: ServiceName): number;
  /** `kill -9`: the process dies where it stands, no shutdown hooks, no last writes. */
  kill(service: ServiceName): Promise<void>;
  /** Starts a service's process again on its old port and waits until it is ready. */
  start(service: ServiceName): Promise<void>;
  /** Services whose process ended without being killed by the test (a crash of their own), with their last output. */
  unexpectedExits(): string[];
  close(): Promise<void>;
}

/**
 * Every service as a process of its own, as `npm start` runs them (each its `main.ts`, every
 * setting from the environment), on one database; the TypeScript sources run as they are through
 * test/processes/ts-register.mjs, so no build is needed. All start at once, as under `npm start`:
 * their migrations take turns under the advisory lock. PROCESS_LOG_DIR set keeps each process's
 * output in `<dir>/<service>.log` (LOG_LEVEL as TEST_LOG_LEVEL says, `fatal` by default).
 */
export async function startProcessStack(databaseUrl: string, settings: Record<string, string> = {}): Promise<ProcessStack> {
  const ports = await stackPorts();
  const env = await stackEnvironment(databaseUrl, ports, settings);
  const children = new Map<ServiceName, ChildProcess>();
  const output = new Map<ServiceName, string>();
  const killed = new Set<ChildProcess>();
  const crashes: string[] = [];

  const start = async (service: ServiceName) => {
    const child = spawn(process.execPath, ['--enable-source-maps', '--import', join(root, 'test/processes/ts-register.mjs'), join(root, 'apps', service, 'src/main.ts')], {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(ports[service]), LISTEN_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    output.set(service, '');
    const keep = (chunk: Buffer) => {
      output.set(service, (output.get(service)! + chunk.toString()).slice(-4000));
      if (process.env.PROCESS_LOG_DIR) appendFileSync(join(process.env.PROCESS_LOG_DIR, `${service}.log`), chunk);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.set(service, child);
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      if (!killed.has(child)) crashes.push(`${service} (${signal ?? `exit code ${code}`}): ${output.get(service)?.slice(-1500)}`);
    });
    await eventually(
      async () => {
        if (exited) throw new Error(`${service} exited while starting: ${output.get(service)}`);
        try {
          // The gateway's /health reports the others (503 while one is away); it is up once it answers.
          if (service === 'gateway') return (await fetch(`http://127.0.0.1:${ports.gateway}/health`)).status ? true : undefined;
          return (await fetch(`http://127.0.0.1:${ports[service]}/health/ready`)).ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      // Nine processes loading at once on two cores take a while.
      180000,
      `${service} to be ready`,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its output: ${output.get(service)?.slice(-1500)}`);
    });
  };

  const kill = async (service: ServiceName) => {
    const child = children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((done) => child.once('exit', done));
    killed.add(child);
    child.kill('SIGKILL');
    await gone;
    children.delete(service);
  };

  try {
    await Promise.all(SERVICE_NAMES.map(start));
  } catch (error) {
    await Promise.all(SERVICE_NAMES.map(kill));
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    databaseUrl,
    serviceToken: env.SERVICE_TOKEN,
    adminAuth: `Bearer ${env.ADMIN_TOKEN}`,
    tokenFor: tokenSigner(env),
    urlOf: (service) => `http://127.0.0.1:${ports[service]}`,
    pid: (service) => {
      const pid = children.get(service)?.pid;
      if (!pid) throw new Error(`${service} is not running`);
      return pid;
    },
    kill,
    start,
    unexpectedExits: () => [...crashes],
    close: async () => {
      await Promise.all([...children.keys()].map(kill));
    },
  };
}
