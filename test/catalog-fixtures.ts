import request from 'supertest';
import type { Stack } from './stack.js';

export const PROVINCE = '000.00.00.H56';
export const SERVICE_CENTRE = '000.00.01.H56';
export const DEPARTMENT = '000.17.22.H56';
export const FIELD = 'GT-DB';

/** The smallest catalog a procedure can be published into: a province, a centre, a department, a field. */
export async function seedCatalogBasics(stack: Pick<Stack, 'gatewayUrl' | 'adminAuth'>): Promise<void> {
  const admin = (path: string) => request(stack.gatewayUrl).post(path).set('authorization', stack.adminAuth);
  await admin('/api/v1/agencies').send({ code: PROVINCE, name: 'UBND tỉnh Hà Nam', levelCode: 'province' }).expect(201);
  await admin('/api/v1/agencies').send({ code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh', levelCode: 'province', parentCode: PROVINCE }).expect(201);
  await admin('/api/v1/agencies')
    .send({ code: DEPARTMENT, name: 'Sở Giao thông vận tải', levelCode: 'province', parentCode: PROVINCE, onlineOnlyWeekdays: [2, 4] })
    .expect(201);
  await admin('/api/v1/fields').send({ code: FIELD, name: 'Đường bộ' }).expect(201);
}

export function procedureContent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Cấp giấy phép lái xe',
    fieldCode: FIELD,
    levelCode: 'province',
    competentAgencyCode: DEPARTMENT,
    receivingAgencyCodes: [SERVICE_CENTRE],
    processingTime: { value: 10, unit: 'working_days' },
    fees: [{ name: 'Lệ phí cấp giấy phép lái xe', amountVnd: 135000 }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép lái xe', form: 'original', quantity: 1, required: true },
      { name: 'Giấy khám sức khỏe', form: 'original', quantity: 1, required: true },
    ],
    onlineLevel: 4,
    onlineMode: 'full',
    onTheSpotEligible: false,
    acceptsDossierByPost: true,
    deliversResultByPost: true,
    onlineOnlyListed: false,
    integratedNationalPortal: true,
    ...overrides,
  };
}

export function decision(number = '101/QĐ-UBND', date = '2026-01-05', effectiveFrom = '2026-01-15') {
  return { number, date, effectiveFrom };
}

export function publishBody(code: string, overrides: Record<string, unknown> = {}, decisionOverride = decision()) {
  return { code, decision: decisionOverride, procedure: procedureContent(overrides) };
}
