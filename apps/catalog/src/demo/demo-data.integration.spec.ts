import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, freePort, queryDatabase, startTestService, type TestService } from '@onestop/platform/testing';
import { CatalogModule } from '../catalog.module.js';
import { ProceduresService } from '../procedures/procedures.service.js';
import { DemoDataService } from './demo-data.service.js';
import { demoCatalog } from './demo-catalog.js';

/** A first start stopped while publishing the demo procedures, then the next start. */
describe('demo data after an interrupted first load', () => {
  let catalog: TestService;
  let databaseUrl: string;
  const count = async (sql: string) => (await queryDatabase<{ n: number }>(databaseUrl, sql))[0].n;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('catalog_demo');
    const port = await freePort();
    catalog = await startTestService(CatalogModule, {
      service: 'catalog',
      port,
      // Loaded by hand below, as a start would.
      env: { DATABASE_URL: databaseUrl, SERVICE_TOKEN: randomBytes(24).toString('hex'), REPORTING_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'fatal', PORT: String(port), DEMO_DATA: 'false' },
    });
  });

  afterAll(async () => {
    await catalog?.close();
  });

  it('finishes the load on the next start instead of taking the partial catalog as loaded', async () => {
    const demo = catalog.app.get(DemoDataService);
    const procedures = catalog.app.get(ProceduresService);
    const total = demoCatalog().procedures.length;
    const publish = procedures.publish.bind(procedures);
    let published = 0;
    procedures.publish = async (...args) => {
      if (published === 40) throw new Error('process killed');
      published++;
      return publish(...args);
    };
    try {
      await expect(demo.loadIfEmpty()).rejects.toThrow('process killed');
    } finally {
      procedures.publish = publish;
    }
    expect(await count(`SELECT count(*)::int AS n FROM catalog.procedures`)).toBe(40);

    expect(await demo.loadIfEmpty()).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.procedures`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.outbox_events WHERE type = 'ProcedurePublished'`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.agencies`)).toBe(demoCatalog().agencies.length);

    expect(await demo.loadIfEmpty()).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`)).toBe(total);
  });
});
