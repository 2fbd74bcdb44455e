import { describe, expect, it } from '@jest/globals';
import { computeServiceIndex, SERVICE_INDEX_COMPONENTS, SERVICE_INDEX_TOTAL_POINTS, type ServiceIndexInputs } from './service-index.js';
import { DEFAULT_TARGETS, targetInForce } from './targets.js';

const inputs: ServiceIndexInputs = {
  proceduresInForce: 200,
  proceduresIntegrated: 150,
  proceduresOnline: 180,
  received: 1000,
  receivedOnline: 300,
  finishedEarly: 500,
  finishedOnTime: 300,
  finishedLate: 100,
  inProgressWithinTime: 80,
  inProgressOverdue: 10,
  awaitingSupplement: 10,
  resultsIssued: 900,
  resultsElectronic: 450,
  dossiersWithStoredDocuments: 400,
  complaintsFiled: 20,
};

describe('the Decision 766 service index', () => {
  it('weighs 100 points by default', () => {
    expect(SERVICE_INDEX_COMPONENTS.reduce((sum, c) => sum + c.defaultPoints, 0)).toBe(SERVICE_INDEX_TOTAL_POINTS);
  });

  it('computes each component from its numerator and denominator, with full marks at the threshold', () => {
    const result = computeServiceIndex(inputs, []);
    const component = (key: string) => result.components.find((c) => c.key === key)!;
    expect(component('online.proceduresOnline')).toMatchObject({ measure: { numerator: 180, denominator: 200, ratio: 0.9 }, points: 8 });
    expect(component('online.dossiersOnline')).toMatchObject({ measure: { numerator: 300, denominator: 1000, ratio: 0.3 }, fullMarksAt: 0.5 });
    expect(component('online.dossiersOnline').points).toBeCloseTo(8 * 0.6, 12);
    expect(component('progress.onTime').measure).toEqual({ numerator: 890, denominator: 1000, ratio: 0.89 });
    // Dossiers with a document digitised or reused, of those received: 40% of the 80% for full marks.
    expect(component('digitisation.documents')).toMatchObject({ measure: { numerator: 400, denominator: 1000, ratio: 0.4 }, points: 5.5 });
    expect(component('publicity.nationalPortal').points).toBeCloseTo(18 * 0.75, 12);
    const satisfaction = component('satisfaction');
    expect(satisfaction.parts).toEqual({ overdue: { numerator: 110, denominator: 1000, ratio: 0.11 }, complained: { numerator: 20, denominator: 1000, ratio: 0.02 } });
    expect(satisfaction.value).toBeCloseTo(0.87, 12);
    expect(satisfaction.points).toBeCloseTo((18 * 0.87) / 0.9, 12);
  });

  it('leaves components without facts null, with the reason, outside the measured points', () => {
    const result = computeServiceIndex(inputs, []);
    for (const key of ['online.payment']) {
      const c = result.components.find((x) => x.key === key)!;
      // No dossier had fees to pay: 0 of 0, no ratio.
      expect(c).toMatchObject({ value: null, points: null, measure: { numerator: 0, denominator: 0, ratio: null } });
      expect(c.reason).toMatch(/^No dossiers or procedures in this period/);
    }
    expect(result.maxPoints).toBe(100);
    expect(result.measuredMaxPoints).toBe(100 - 6);
    expect(result.points).toBeCloseTo(result.components.reduce((s, c) => s + (c.points ?? 0), 0), 12);
  });

  it('takes the configured points and thresholds', () => {
    const result = computeServiceIndex(inputs, [{ key: 'online.dossiersOnline', points: 10, fullMarksAt: 0.3 }]);
    expect(result.components.find((c) => c.key === 'online.dossiersOnline')).toMatchObject({ maxPoints: 10, fullMarksAt: 0.3, points: 10 });
  });
});

describe('targets in force', () => {
  it('holds a year\'s target for later years, and prefers the agency\'s own', () => {
    const settings = [...DEFAULT_TARGETS, { year: 2025, agencyCode: null, metric: 'dossiersOnline' as const, value: 0.7 }, { year: 2024, agencyCode: '000.17.22.H56', metric: 'dossiersOnline' as const, value: 0.5 }];
    expect(targetInForce(settings, 'dossiersOnline', 2023, null)?.value).toBe(0.6);
    expect(targetInForce(settings, 'dossiersOnline', 2026, null)?.value).toBe(0.7);
    expect(targetInForce(settings, 'dossiersOnline', 2026, '000.17.22.H56')?.value).toBe(0.5);
    expect(targetInForce(settings, 'dossiersOnline', 2021, null)).toBeUndefined();
  });
});
