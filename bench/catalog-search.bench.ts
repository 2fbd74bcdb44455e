import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, startTestService } from '@onestop/platform/testing';
import { CatalogModule } from '../apps/catalog/src/catalog.module.js';
import { startGatewayInFront } from './lib/gateway.js';
import { benchDatabase } from './lib/postgres.js';
import { load, record, sampleMemory } from './lib/report.js';
import { OBJECTS, QUALIFIERS, VERBS } from '../apps/catalog/src/testing/procedure-names.js';

/** A national-size catalog: 100,000 procedures with realistic Vietnamese names. */
const PROCEDURES = Number(process.env.BENCH_PROCEDURES ?? 100_000);

async function fillCatalog(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('SET search_path = catalog, public');
  await client.query(`INSERT INTO agencies (code, name, level_code) VALUES ('000.00.00.H56', 'UBND tỉnh', 'province')`);
  await client.query(`
    INSERT INTO agencies (code, name, level_code, parent_code)
    SELECT format('000.%s.00.H56', lpad(i::text, 2, '0')), 'Sở ' || i, 'province', '000.00.00.H56' FROM generate_series(1, 40) i`);
  await client.query(`INSERT INTO fields (code, name) SELECT 'F' || i, 'Lĩnh vực ' || i FROM generate_series(1, 60) i`);
  await client.query(
    `INSERT INTO procedures (code, status, version_no, name, field_code, level_code, competent_agency_code, receiving_agency_codes,
                             processing_minutes, online_level, online_mode, on_the_spot_eligible, accepts_dossier_by_post,
                             delivers_result_by_post, online_only_listed, integrated_national_portal, effective_from)
     SELECT format('%s.%s', 1 + i % 3, lpad(i::text, 6, '0')), 'active', 1,
            ($1::text[])[1 + i % array_length($1::text[], 1)] || ' ' || ($2::text[])[1 + (i / 12) % array_length($2::text[], 1)]
              || ($3::text[])[1 + (i / 240) % array_length($3::text[], 1)],
            'F' || (1 + i % 60), CASE WHEN i % 10 < 8 THEN 'province' WHEN i % 10 = 8 THEN 'district' ELSE 'commune' END,
            format('000.%s.00.H56', lpad((1 + i % 40)::text, 2, '0')), ARRAY[format('000.%s.00.H56', lpad((1 + i % 40)::text, 2, '0'))],
            480 * (1 + i % 20), 1 + i % 4, CASE WHEN i % 4 >= 2 THEN (CASE WHEN i % 8 < 6 THEN 'partial' ELSE 'full' END) ELSE 'none' END,
            i % 5 = 0, i % 3 <> 0, i % 4 <> 0, i % 4 >= 2 AND i % 10 = 0, i % 4 <> 1, DATE '2026-01-01'
       FROM generate_series(1, $4::int) i`,
    [VERBS, OBJECTS, QUALIFIERS, PROCEDURES],
  );
  await client.query(`
    INSERT INTO procedure_versions (code, version_no, kind, decision_number, decision_date, effective_from, content)
    SELECT code, 1, 'published', '1/QĐ-UBND', DATE '2025-12-01', effective_from,
           jsonb_build_object('name', name, 'fieldCode', field_code, 'levelCode', level_code, 'processingTime', jsonb_build_object('value', processing_minutes / 480, 'unit', 'working_days'))
      FROM procedures`);
  await client.query('ANALYZE');
  await client.end();
}

export async function runCatalogSearch(): Promise<void> {
  const memory = sampleMemory();
  const database = await benchDatabase('catalog_search');
  const port = await freePort();
  const serviceToken = randomBytes(24).toString('hex');
  const catalog = await startTestService(CatalogModule, {
    service: 'catalog',
    port,
    env: { DATABASE_URL: database.url, SERVICE_TOKEN: serviceToken, REPORTING_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'error', PORT: String(port) },
  });
  const gateway = await startGatewayInFront({ databaseUrl: database.url, serviceToken, services: { catalog: catalog.url } });
  try {
    const fillStarted = Date.now();
    await fillCatalog(database.url);
    const fillSeconds = (Date.now() - fillStarted) / 1000;
    const queries: Array<[string, string]> = [
      ['text without diacritics: "cap giay phep lai xe"', `/procedures?q=${encodeURIComponent('cap giay phep lai xe')}&limit=20`],
      ['text with diacritics: "đăng ký hộ kinh doanh"', `/procedures?q=${encodeURIComponent('đăng ký hộ kinh doanh')}&limit=20`],
      ['rare words: "vat lieu no quoc te"', `/procedures?q=${encodeURIComponent('vat lieu no quoc te')}&limit=20`],
      ['misspelt: "giay pep lai xe"', `/procedures?q=${encodeURIComponent('giay pep lai xe')}&limit=20`],
      ['abbreviation: "GPLX"', `/procedures?q=GPLX&limit=20`],
      ['as typed: "cap giay phep lai x"', `/procedures?q=${encodeURIComponent('cap giay phep lai x')}&limit=20`],
      ['filters: field + online level 4 + post', `/procedures?fieldCode=F7&onlineLevel=4&acceptsDossierByPost=true&limit=20`],
      ['code prefix: "1.0012"', `/procedures?q=1.0012&limit=20`],
      ['browse: first page', `/procedures?limit=50`],
      ['read one procedure in force', `/procedures/1.012345`],
    ];
    memory.resetWindow();
    const results = [];
    for (const [name, path] of queries) {
      const url = `${gateway.url}/api/v1${path}`;
      const probe = await fetch(url);
      if (!probe.ok) throw new Error(`${name}: HTTP ${probe.status} ${await probe.text()}`);
      results.push(await load(name, url, { connections: 8, durationSeconds: 4 }));
    }
    // The same two queries straight to the catalog: what the gateway adds to a search.
    const direct = [];
    for (const [name, path] of [queries[0], queries[queries.length - 1]]) direct.push(await load(`${name}, straight to catalog`, `${catalog.url}/api/v1${path}`, { connections: 8, durationSeconds: 4 }));
    const underLoad = memory.resetWindow();
    // What a citizen sees first: the first three names for each word query.
    const topHits: Array<{ query: string; firstThree: string[] }> = [];
    for (const text of ['cap giay phep lai xe', 'giay pep lai xe', 'GPLX', 'cap giay phep lai x']) {
      const page = (await (await fetch(`${gateway.url}/api/v1/procedures?q=${encodeURIComponent(text)}&limit=3`)).json()) as { items: Array<{ name: string }> };
      topHits.push({ query: text, firstThree: page.items.map((item) => item.name) });
    }
    const wordQueries = results.filter((r) => /^(text|rare|misspelt|abbreviation|as typed)/.test(r.name));
    const targetP99Ms = 20;
    await record('catalog-search', {
      procedures: PROCEDURES,
      fillSeconds,
      through: 'gateway',
      results,
      direct,
      wordSearch: {
        targetP99Ms,
        worstP99Ms: Math.max(...wordQueries.map((r) => r.p99Ms)),
        met: wordQueries.every((r) => r.p99Ms < targetP99Ms),
        drivingLicenceInFirstThree: topHits.every((hit) => hit.firstThree.some((name) => name.startsWith('Cấp giấy phép lái xe'))),
        topHits,
      },
      memory: { stackPssUnderLoadMiB: underLoad.stackPssMiB, stackPeakPssMiB: memory.peak().stackPssMiB, nodeRssPeakMiB: memory.peak().nodeRssMiB },
    });
  } finally {
    memory.stop();
    await gateway.close();
    await catalog.close();
    await database.stop();
  }
}
