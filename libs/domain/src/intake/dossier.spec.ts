import { describe, expect, it } from '@jest/globals';
import type { ProcedureContent } from '../catalog/procedure.js';
import { formatDossierCode, missingDocuments, nationalStatusCode, type ReceptionFacts, receptionRefusals } from './dossier.js';

const procedure: ProcedureContent = {
  name: 'Cấp giấy phép lái xe',
  fieldCode: 'GT-DB',
  levelCode: 'province',
  competentAgencyCode: '000.17.22.H56',
  receivingAgencyCodes: ['000.00.01.H56'],
  processingTime: { value: 10, unit: 'working_days' },
  fees: [],
  documents: [
    { name: 'Đơn đề nghị', form: 'original', quantity: 1, required: true },
    { name: 'Giấy khám sức khỏe', form: 'original', quantity: 2, required: true },
    { name: 'Ảnh', form: 'copy', quantity: 1, required: false },
  ],
  onlineLevel: 3,
  onlineMode: 'partial',
  steps: [],
  onTheSpotEligible: false,
  acceptsDossierByPost: false,
  deliversResultByPost: false,
  onlineOnlyListed: true,
  integratedNationalPortal: true,
};

const facts = (overrides: Partial<ReceptionFacts> = {}): ReceptionFacts => ({
  procedure,
  acceptsDossiers: true,
  channel: 'counter',
  agencyCode: '000.00.01.H56',
  agencyOnlineOnlyWeekdays: [2, 4],
  receivedAt: new Date('2026-03-16T10:00:00+07:00'), // a Monday
  delivery: 'counter',
  documents: [],
  ...overrides,
});

describe('dossier codes', () => {
  it('joins the agency, the local receipt date and a 4-digit daily sequence', () => {
    expect(formatDossierCode('000.00.00.H56', new Date('2024-03-15T09:00:00+07:00'), 1)).toBe('000.00.00.H56-240315-0001');
    // 23:30 UTC on the 14th is already the 15th in Vietnam.
    expect(formatDossierCode('000.00.00.H56', new Date('2024-03-14T23:30:00Z'), 42)).toBe('000.00.00.H56-240315-0042');
    expect(() => formatDossierCode('000.00.00.H56', new Date(), 10000)).toThrow(/1-9999/);
  });

  it('numbers statuses as the national portal does', () => {
    expect(nationalStatusCode('registered')).toBe(1);
    expect(nationalStatusCode('supplement_requested')).toBe(5);
    expect(nationalStatusCode('returned')).toBe(10);
  });
});

describe('checks at reception', () => {
  it('receives a dossier that breaks no rule', () => {
    expect(receptionRefusals(facts())).toEqual([]);
  });

  it('refuses an abolished procedure before anything else', () => {
    expect(receptionRefusals(facts({ acceptsDossiers: false, agencyCode: '000.99.99.H56' })).map((r) => r.code)).toEqual(['procedure-abolished']);
  });

  it('refuses online submissions below level 3, post when not accepted, and deliveries not offered', () => {
    const level2 = { ...procedure, onlineLevel: 2 as const, onlineMode: 'none' as const };
    expect(receptionRefusals(facts({ procedure: level2, channel: 'online' })).map((r) => r.code)).toEqual(['channel-not-allowed']);
    expect(receptionRefusals(facts({ channel: 'post' })).map((r) => r.field)).toEqual(['channel']);
    expect(receptionRefusals(facts({ delivery: 'post' })).map((r) => r.code)).toEqual(['delivery-not-offered']);
    expect(receptionRefusals(facts({ delivery: 'online' })).map((r) => r.reason)).toEqual(['results are returned online only for level 4 services']);
  });

  it('refuses a listed procedure at the counter on an online-only weekday, but not online, and not on other days', () => {
    const tuesday = new Date('2026-03-17T08:00:00+07:00');
    expect(receptionRefusals(facts({ receivedAt: tuesday })).map((r) => r.code)).toEqual(['online-only-day']);
    expect(receptionRefusals(facts({ receivedAt: tuesday, channel: 'online' }))).toEqual([]);
    expect(receptionRefusals(facts({ receivedAt: tuesday, procedure: { ...procedure, onlineOnlyListed: false } }))).toEqual([]);
    // 23:00 UTC on Monday is Tuesday 06:00 in Vietnam: the local weekday counts.
    expect(receptionRefusals(facts({ receivedAt: new Date('2026-03-16T23:00:00Z') })).map((r) => r.code)).toEqual(['online-only-day']);
  });

  it('refuses an agency that does not receive the procedure, and documents not on its list', () => {
    const refusals = receptionRefusals(facts({ agencyCode: '000.17.22.H56', documents: [{ requirement: 4, quantity: 1 }] }));
    expect(refusals.map((r) => r.field)).toEqual(['agencyCode', 'documents[0].requirement']);
  });
});

describe('missing documents', () => {
  it('lists required documents not provided, or provided in too few copies, never optional ones', () => {
    expect(missingDocuments(procedure, [{ requirement: 2, quantity: 1 }])).toEqual([
      { requirement: 1, name: 'Đơn đề nghị', form: 'original', quantity: 1 },
      { requirement: 2, name: 'Giấy khám sức khỏe', form: 'original', quantity: 1 },
    ]);
    expect(missingDocuments(procedure, [{ requirement: 1, quantity: 1 }, { requirement: 2, quantity: 1 }, { requirement: 2, quantity: 1 }])).toEqual([]);
  });
});
