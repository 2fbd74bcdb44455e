import { describe, expect, it } from '@jest/globals';
import type { ProcedureContent } from '@onestop/domain';
import { searchRowAt, type VersionForRow } from './search-row.js';

const content = (name: string) => ({ name }) as unknown as ProcedureContent;
const v = (versionNo: number, kind: VersionForRow['kind'], effectiveFrom: string, name = `v${versionNo}`): VersionForRow => ({ versionNo, kind, effectiveFrom, content: content(name) });

describe('the searchable row of a procedure on a day', () => {
  const history = [v(1, 'published', '2026-01-15'), v(2, 'amended', '2026-06-01'), v(3, 'amended', '2026-06-01'), v(4, 'abolished', '2026-09-01', 'v3')];

  it('is the version in force, the highest number among versions effective the same day', () => {
    expect(searchRowAt(history, '2026-05-31')).toMatchObject({ status: 'active', versionNo: 1, content: { name: 'v1' }, effectiveFrom: '2026-01-15', abolishedFrom: '2026-09-01', pendingFrom: '2026-06-01' });
    expect(searchRowAt(history, '2026-06-01')).toMatchObject({ status: 'active', versionNo: 3, effectiveFrom: '2026-06-01', pendingFrom: '2026-09-01' });
  });

  it('is abolished from the abolition date, keeping the content it ended and when that took effect', () => {
    expect(searchRowAt(history, '2026-09-01')).toEqual({ status: 'abolished', versionNo: 4, content: content('v3'), effectiveFrom: '2026-06-01', abolishedFrom: '2026-09-01', pendingFrom: null });
  });

  it('is upcoming, with the first version, before any is in force', () => {
    expect(searchRowAt(history, '2026-01-14')).toMatchObject({ status: 'upcoming', versionNo: 1, effectiveFrom: '2026-01-15', pendingFrom: '2026-01-15' });
    expect(searchRowAt([v(1, 'published', '2026-01-15')], '2026-01-15')).toMatchObject({ status: 'active', abolishedFrom: null, pendingFrom: null });
  });
});
