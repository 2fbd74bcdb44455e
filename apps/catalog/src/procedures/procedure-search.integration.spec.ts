import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, freePort, queryDatabase, startTestService, type TestService } from '@onestop/platform/testing';
import { CatalogModule } from '../catalog.module.js';
import { procedureContent } from '../../../../test/fixtures/index.js';
import { OBJECTS, QUALIFIERS, VERBS } from '../testing/procedure-names.js';
import { ProceduresService } from './procedures.service.js';
import type { ProcedureContentDto } from './procedure.dto.js';

interface Item {
  code: string;
  name: string;
  highlights?: Array<{ start: number; end: number }>;
}

/** The procedure a citizen looking for a driving licence wants: published last, with the highest code. */
const DRIVING_LICENCE = '2.000001';

function content(name: string): ProcedureContentDto {
  return procedureContent({ name, fieldCode: 'F1', competentAgencyCode: '000.01.00.H56', receivingAgencyCodes: ['000.01.00.H56'], fees: [], documents: [] }) as unknown as ProcedureContentDto;
}

/**
 * Relevance search over a catalog of a few thousand realistic names, where "cap giay phep lai
 * xe" matches hundreds: every combination of verb, object and qualifier but "Cấp giấy phép lái
 * xe" itself, and 300 longer names with the whole phrase, all with lower codes than it.
 */
describe('procedure search by relevance', () => {
  let catalog: TestService;
  let databaseUrl: string;
  const get = async (path: string) => {
    const response = await fetch(`${catalog.url}/api/v1/procedures${path}`);
    return { status: response.status, body: (await response.json()) as { items: Item[]; nextCursor: string | null; errors?: Array<{ field: string; reason: string }> } };
  };
  const search = async (q: string, more = '') => {
    const answer = await get(`?q=${encodeURIComponent(q)}${more}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  /** Every match of a query, page after page. */
  const all = async (q: string, more = '') => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(q, `&limit=100${more}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const marked = (item: Item) => (item.highlights ?? []).map(({ start, end }) => item.name.slice(start, end));

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('catalog_search');
    const port = await freePort();
    catalog = await startTestService(CatalogModule, {
      service: 'catalog',
      port,
      env: { DATABASE_URL: databaseUrl, SERVICE_TOKEN: randomBytes(24).toString('hex'), REPORTING_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'fatal', PORT: String(port), DEMO_DATA: 'false' },
    });
    await queryDatabase(databaseUrl, `INSERT INTO catalog.agencies (code, name, level_code) VALUES ('000.00.00.H56', 'UBND tỉnh', 'province'), ('000.01.00.H56', 'Sở Giao thông vận tải', 'province')`);
    await queryDatabase(databaseUrl, `INSERT INTO catalog.fields (code, name) VALUES ('F1', 'Đường bộ')`);
    // Plain INSERTs, as an import or the bench writes them: the vocabulary follows by trigger.
    await queryDatabase(
      databaseUrl,
      `INSERT INTO catalog.procedures (code, status, version_no, name, field_code, level_code, competent_agency_code, receiving_agency_codes, processing_minutes,
                                       online_level, online_mode, on_the_spot_eligible, accepts_dossier_by_post, delivers_result_by_post, online_only_listed,
                                       integrated_national_portal, effective_from)
       SELECT code, 'active', 1, name, 'F1', 'province', '000.01.00.H56', ARRAY['000.01.00.H56'], 4800, 4, 'full', false, true, true, false, true, DATE '2020-01-01'
         FROM (SELECT format('1.%s', lpad(i::text, 6, '0')) AS code,
                      ($1::text[])[1 + i % 12] || ' ' || ($2::text[])[1 + (i / 12) % 20] || ($3::text[])[1 + (i / 240) % 10] AS name
                 FROM generate_series(1, 2399) i
               UNION ALL
               SELECT format('1.5%s', lpad(i::text, 5, '0')), 'Cấp giấy phép lái xe hạng ' || i FROM generate_series(1, 300) i) AS generated`,
      [VERBS, OBJECTS, QUALIFIERS],
    );
    await catalog.app.get(ProceduresService).publish(DRIVING_LICENCE, { number: '1/QĐ-UBND', date: '2019-12-01', effectiveFrom: '2020-01-01' }, content('Cấp giấy phép lái xe'));
  });

  afterAll(async () => {
    await catalog?.close();
  });

  it('ranks the procedure named by the words first among hundreds of matches, and pages through all of them in relevance order', async () => {
    const first = await search('cap giay phep lai xe');
    expect(first.items[0]).toMatchObject({ code: DRIVING_LICENCE, name: 'Cấp giấy phép lái xe' });
    expect(marked(first.items[0])).toEqual(['Cấp', 'giấy', 'phép', 'lái', 'xe']);
    expect(first.items[0].highlights).toEqual([{ start: 0, end: 3 }, { start: 4, end: 8 }, { start: 9, end: 13 }, { start: 14, end: 17 }, { start: 18, end: 20 }]);

    const ranked = await all('cap giay phep lai xe');
    const byCode = await all('cap giay phep lai xe', '&sort=code');
    expect(ranked.length).toBeGreaterThan(300);
    expect(new Set(ranked.map((p) => p.code)).size).toBe(ranked.length);
    expect([...ranked.map((p) => p.code)].sort()).toEqual(byCode.map((p) => p.code));
    // The whole phrase first ("Cấp giấy phép lái xe hạng 7"), then the words apart ("Cấp lại giấy phép lái xe").
    const phrase = (p: Item) => /^cấp giấy phép lái xe/i.test(p.name);
    const lastPhrase = ranked.findLastIndex(phrase);
    const firstApart = ranked.findIndex((p) => !phrase(p));
    expect(lastPhrase).toBeLessThan(firstApart);
    expect(ranked[firstApart].name).toMatch(/^Cấp (lại|đổi) giấy phép lái xe/);
  });

  it('keeps the code order for browsing with sort=code, still marking the words', async () => {
    const page = await search('cap giay phep lai xe', '&sort=code&limit=5');
    expect(page.items.map((p) => p.code)).toEqual(['1.000001', '1.000002', '1.000240', '1.000241', '1.000242']);
    expect(page.items[3]).toMatchObject({ name: 'Cấp lại giấy phép lái xe cho tổ chức' });
    // "lại" folds to the "lai" of "lái": without diacritics the two are one word.
    expect(marked(page.items[3])).toEqual(['Cấp', 'lại', 'giấy', 'phép', 'lái', 'xe']);
    const next = await search('cap giay phep lai xe', `&sort=code&limit=5&cursor=${page.nextCursor}`);
    expect(next.items[0].code > '1.000242').toBe(true);
  });

  it('forgives one wrong, missing or extra letter per word and missing diacritics', async () => {
    for (const misspelt of ['giay pep lai xe', 'giay phepp lai xe', 'giay phrp lai xe', 'cap giay phep lia xe', 'gíây phép lái xee']) {
      const { items } = await search(misspelt);
      expect({ misspelt, top3: items.slice(0, 3).map((p) => p.code) }).toEqual({ misspelt, top3: expect.arrayContaining([DRIVING_LICENCE]) });
    }
    const { items } = await search('giay pep lai xe');
    const item = items.find((p) => p.code === DRIVING_LICENCE)!;
    expect(marked(item)).toEqual(['giấy', 'phép', 'lái', 'xe']);
    // A word no name has and nothing comes near finds nothing.
    expect((await search('giay phep lai xyzw')).items).toEqual([]);
  });

  it('finds the words an abbreviation stands for', async () => {
    const { items } = await search('GPLX');
    expect(items[0]).toMatchObject({ code: DRIVING_LICENCE });
    expect(marked(items[0])).toEqual(['giấy', 'phép', 'lái', 'xe']);
    expect((await search('cap gplx')).items[0]).toMatchObject({ code: DRIVING_LICENCE });
    // As a phrase: "hộ kinh doanh", not "hộ" and "kinh doanh" anywhere in the name.
    const household = await all('hkd');
    expect(household.length).toBe(120);
    expect(household.every((p) => /hộ kinh doanh/.test(p.name))).toBe(true);
  });

  it('finds as the user types, marking the start of the last word', async () => {
    const { items } = await search('cap giay phep lai x');
    expect(items[0]).toMatchObject({ code: DRIVING_LICENCE });
    expect(items[0].highlights?.at(-1)).toEqual({ start: 18, end: 19 });
  });

  it('learns the words of a procedure published later, and corrects them', async () => {
    await catalog.app.get(ProceduresService).publish('2.000002', { number: '2/QĐ-UBND', date: '2019-12-01', effectiveFrom: '2020-01-01' }, content('Cấp phép hoạt động bến thủy nội địa'));
    expect((await search('ben thuyy noi dia')).items.map((p) => p.code)).toEqual(['2.000002']);
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    const badSort = await get('?q=xe&sort=best');
    expect(badSort.status).toBe(400);
    expect(badSort.body.errors?.map((e) => e.field)).toEqual(['sort']);
    const page = await search('cap giay phep lai xe', '&limit=2');
    // A relevance cursor is not one of the code order, nor a forged position.
    const mixed = await get(`?q=cap%20giay%20phep%20lai%20xe&sort=code&cursor=${page.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors?.map((e) => e.field)).toEqual(['cursor']);
    const forged = Buffer.from(JSON.stringify({ rank: 'x', length: 1, code: '1' })).toString('base64url');
    expect((await get(`?q=xe&cursor=${forged}`)).status).toBe(400);
    const long = await get(`?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.body.errors?.map((e) => e.field)).toEqual(['q']);
  });
});
