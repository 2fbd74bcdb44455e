import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@onestop/platform/testing';
import { eventually, type Stack, startStack } from './stack.js';

describe('demo data on first start (DEMO_DATA=true, as npm start sets it)', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);
  const count = async (sql: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, sql))[0].n;

  beforeAll(async () => {
    stack = await startStack({ DEMO_DATA: 'true' });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('loads a province tree: departments, districts and their communes', async () => {
    const children = await api().get('/api/v1/agencies?parentCode=000.00.00.H56&limit=200').expect(200);
    const levels = children.body.items.map((a: { levelCode: string }) => a.levelCode);
    expect(levels.filter((l: string) => l === 'province').length).toBeGreaterThanOrEqual(12);
    expect(levels.filter((l: string) => l === 'district').length).toBeGreaterThanOrEqual(3);
    const district = children.body.items.find((a: { levelCode: string }) => a.levelCode === 'district');
    const communes = await api().get(`/api/v1/agencies?parentCode=${district.code}`).expect(200);
    expect(communes.body.items.length).toBeGreaterThanOrEqual(3);
    expect(communes.body.items.every((a: { levelCode: string }) => a.levelCode === 'commune')).toBe(true);
  });

  it('publishes a few hundred procedures across levels with realistic online levels, and reporting hears of each', async () => {
    const total = await count(`SELECT count(*)::int AS n FROM catalog.procedures`);
    expect(total).toBeGreaterThanOrEqual(300);
    for (const level of ['province', 'district', 'commune']) {
      expect(await count(`SELECT count(*)::int AS n FROM catalog.procedures WHERE level_code = '${level}'`)).toBeGreaterThan(0);
    }
    const report = await eventually(async () => {
      const response = await api().get('/api/v1/reports/online-services').expect(200);
      return response.body.procedures === total ? response.body : undefined;
    }, 30000, 'reporting to record every demo procedure');
    const percent = (level: number) => report.byLevel.find((l: { level: number }) => l.level === level)?.percent ?? 0;
    expect(percent(4)).toBeGreaterThan(30);
    expect(percent(3)).toBeGreaterThan(30);
    expect(percent(2)).toBeGreaterThan(0);
    const onTheSpot = await api().get('/api/v1/procedures?onTheSpotEligible=true&limit=200').expect(200);
    expect(onTheSpot.body.items.length).toBeGreaterThan(total * 0.1);
    expect(onTheSpot.body.items.length).toBeLessThan(total * 0.35);
  });

  it('gives each procedure the documents of its kind: no site plan for a judicial record certificate or a birth registration', async () => {
    const documentsOf = async (query: string) => {
      const found = (await api().get(`/api/v1/procedures?${query}&limit=1`).expect(200)).body.items[0] as { code: string };
      const { procedure } = (await api().get(`/api/v1/procedures/${found.code}`).expect(200)).body as { procedure: { name: string; documents: Array<{ name: string; required: boolean }> } };
      return { name: procedure.name, required: procedure.documents.filter((d) => d.required).map((d) => d.name), all: procedure.documents.map((d) => d.name) };
    };
    const judicialRecord = await documentsOf('fieldCode=TP-LLTP');
    expect(judicialRecord.required).toEqual(['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', expect.stringMatching(/^Bản chụp (giấy tờ tùy thân|hộ chiếu)/)]);
    const birth = await documentsOf('q=dang%20ky%20khai%20sinh&levelCode=commune');
    expect(birth.name).toBe('Đăng ký khai sinh');
    expect(birth.required).toEqual(['Tờ khai đăng ký khai sinh', expect.stringMatching(/^Giấy chứng sinh/)]);
    for (const procedure of [judicialRecord, birth]) expect(procedure.all).not.toContain('Bản vẽ, sơ đồ vị trí');
  });

  it('prepares the calendar for 2025 to 2027', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM catalog.calendar_years WHERE year IN (2025, 2026, 2027)`)).toBe(3);
  });

  it('loads nothing again on a restart', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`);
    await stack.stop('catalog');
    await stack.start('catalog');
    expect(await count(`SELECT count(*)::int AS n FROM catalog.procedure_versions`)).toBe(before);
  });
});
