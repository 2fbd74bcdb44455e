import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import { eventually, type Stack, startStack } from './stack.js';
import { publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';
import { expectEachDossierOnceInWorkflow } from './fixtures/deliveries.js';

const counterDossier = (name: string) => ({
  procedureCode: '1.009001',
  agencyCode: SERVICE_CENTRE,
  channel: 'counter',
  applicant: { kind: 'person', name, idNumber: '035090001234', phone: '0912345678', address: { detail: 'Số 1', commune: 'Phường Minh Khai', province: 'Hà Nam' } },
  documents: [{ requirement: 1 }, { requirement: 2 }],
  resultDelivery: { method: 'counter' },
});

async function count(stack: Stack, sql: string): Promise<number> {
  return (await queryDatabase<{ n: number }>(stack.databaseUrl, sql))[0].n;
}

/**
 * Submits as a careful client does: a 503 (a dependency slow or away for a moment) is retried
 * with the same Idempotency-Key, so a retry never receives the dossier twice.
 */
async function submitWithRetries(stack: Stack, auth: string, body: object): Promise<number> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const response = await request(stack.gatewayUrl).post('/api/v1/dossiers').set('authorization', auth).set('idempotency-key', key).send(body);
    if (response.status !== 503 || attempt === 5) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

async function prepare(stack: Stack): Promise<string> {
  await seedCatalogBasics(stack);
  await request(stack.gatewayUrl).post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.009001')).expect(201);
  return stack.tokenFor({ subject: 'reception.centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE] });
}

describe('faults on the shared server', () => {
  let stack: Stack;
  let reception: string;

  beforeAll(async () => {
    stack = await startStack();
    reception = await prepare(stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps receiving while workflow is down, and workflow gets every dossier once when it is back', async () => {
    await stack.stop('workflow');
    try {
      const submitted = await Promise.all(Array.from({ length: 20 }, (_, i) => submitWithRetries(stack, reception, counterDossier(`Người nộp ${i}`))));
      expect(submitted).toEqual(Array(20).fill(201));
      // Meanwhile the case endpoints answer 503 problem+json, not a hang.
      const down = await request(stack.gatewayUrl).get('/api/v1/worklist').set('authorization', reception).expect(503);
      expect(down.headers['content-type']).toContain('application/problem+json');
    } finally {
      await stack.start('workflow');
    }
    expect(await expectEachDossierOnceInWorkflow(stack)).toBeGreaterThanOrEqual(20);
  });
});

describe('PostgreSQL restarting under load', () => {
  let stack: Stack;
  let reception: string;
  let dataDir: string;
  let port: number;
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  const previousServer = process.env.TEST_DATABASE_SERVER_URL;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onestop-fault-pg-'));
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    // This file's stack gets a server of its own, so restarting it disturbs no other test file.
    process.env.TEST_DATABASE_SERVER_URL = server.urlFor('postgres');
    stack = await startStack();
    reception = await prepare(stack);
  });

  afterAll(async () => {
    process.env.TEST_DATABASE_SERVER_URL = previousServer;
    await stack?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers every request with success or a 503 problem, writes nothing by halves, and delivers every event once afterwards', async () => {
    const statuses: number[] = [];
    const badBodies: string[] = [];
    let sending = true;
    const client = async (id: number) => {
      for (let i = 0; sending; i++) {
        const response = await request(stack.gatewayUrl).post('/api/v1/dossiers').set('authorization', reception).send(counterDossier(`Khách ${id}-${i}`)).timeout(20000);
        statuses.push(response.status);
        if (response.status !== 201 && !String(response.headers['content-type']).includes('application/problem+json')) badBodies.push(response.text.slice(0, 200));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const load = Promise.all([1, 2, 3].map(client));
    await new Promise((resolve) => setTimeout(resolve, 800));
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    sending = false;
    await load;

    const created = statuses.filter((s) => s === 201).length;
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(badBodies).toEqual([]);
    expect(created).toBeGreaterThan(0);
    // Every 201 is a dossier, and nothing else was written: no dossier without its answer.
    expect(await count(stack, 'SELECT count(*)::int AS n FROM intake.dossiers')).toBe(created);
    expect(await expectEachDossierOnceInWorkflow(stack)).toBe(created);
  });
});
