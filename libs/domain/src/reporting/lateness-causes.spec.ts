import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OFFICE_SESSIONS, DEFAULT_WEEKEND_DAYS, WorkingCalendar } from '../calendar/working-calendar.js';
import { classifyReason, type LatenessCauseCategory, type ProgressFact, stepOverruns } from './lateness-causes.js';

const CATEGORIES: LatenessCauseCategory[] = [
  { key: 'supplement', name: 'Hồ sơ phải bổ sung, xác minh', keywords: ['bổ sung', 'xác minh'] },
  { key: 'coordination', name: 'Chờ ý kiến cơ quan phối hợp', keywords: ['phối hợp', 'lấy ý kiến'] },
];

describe('the class of an apology\'s reason (nguyên nhân trễ hạn)', () => {
  it.each([
    ['Chờ kết quả xác minh của UBND xã', 'supplement'],
    ['cho y kien co quan PHOI HOP', 'coordination'],
    ['Phải xác minh và lấy ý kiến phối hợp', 'supplement'],
    ['Quá tải hồ sơ cuối năm', 'other'],
    // Words, not letters: "bổ sung" is not inside "bổ sungx".
    ['bổ sungx', 'other'],
    ['', 'other'],
  ])('%s → %s', (reason, expected) => {
    expect(classifyReason(reason, CATEGORIES)).toBe(expected);
  });

  it('gives `other` to an apology without a reason', () => {
    expect(classifyReason(null, CATEGORIES)).toBe('other');
  });
});

describe('the steps that overran their share of the time limit', () => {
  const calendar = new WorkingCalendar({ sessions: DEFAULT_OFFICE_SESSIONS, weekendDays: DEFAULT_WEEKEND_DAYS, daysOff: new Set(), workingDays: new Set() });
  const step = (kind: 'receive' | 'appraise' | 'approve' | 'return', startedAt: string, statutoryEndAt: string | null) => ({ kind, unitCode: 'U1', startedAt, statutoryEndAt });
  // Monday 16 March 2026, Vietnam's time.
  const progress: ProgressFact[] = [
    { sequence: 1, at: '2026-03-16T09:00:00+07:00', step: step('receive', '2026-03-16T09:00:00+07:00', '2026-03-16T15:00:00+07:00') },
    // Appraisal from Monday 14:00, its share until Tuesday 14:00; a supplement's wait moves it to Wednesday 14:00.
    { sequence: 2, at: '2026-03-16T14:00:00+07:00', step: step('appraise', '2026-03-16T14:00:00+07:00', '2026-03-17T14:00:00+07:00') },
    { sequence: 3, at: '2026-03-17T09:00:00+07:00', step: step('appraise', '2026-03-16T14:00:00+07:00', '2026-03-18T14:00:00+07:00') },
    // Approval from Thursday 09:00: appraisal overran by Wednesday 14:00 → Thursday 09:00.
    { sequence: 4, at: '2026-03-19T09:00:00+07:00', step: step('approve', '2026-03-19T09:00:00+07:00', '2026-03-19T11:00:00+07:00') },
    // An event kept before steps were announced says nothing of steps.
    { sequence: 5, at: '2026-03-19T10:00:00+07:00', step: null },
  ];

  it('measures each step from its start to the next one, against the latest share announced', () => {
    const overruns = stepOverruns(progress, null, new Date('2026-03-19T10:30:00+07:00'), calendar);
    expect(overruns.map((o) => ({ kind: o.kind, endedAt: o.endedAt, minutes: o.overrunWorkingMinutes }))).toEqual([
      { kind: 'appraise', endedAt: '2026-03-19T09:00:00+07:00', minutes: calendar.workingMinutesBetween(new Date('2026-03-18T14:00:00+07:00'), new Date('2026-03-19T09:00:00+07:00')) },
    ]);
    expect(overruns[0].overrunWorkingMinutes).toBeGreaterThan(0);
  });

  it('judges the step still open at the report\'s time, and a closed dossier\'s last step at its close', () => {
    const open = stepOverruns(progress, null, new Date('2026-03-19T15:00:00+07:00'), calendar);
    expect(open.map((o) => [o.kind, o.endedAt])).toEqual([
      ['appraise', '2026-03-19T09:00:00+07:00'],
      ['approve', null],
    ]);
    const closedInTime = stepOverruns(progress, '2026-03-19T10:45:00+07:00', new Date('2026-03-20T15:00:00+07:00'), calendar);
    expect(closedInTime.map((o) => o.kind)).toEqual(['appraise']);
  });

  it('finds nothing for a dossier whose steps kept their shares, or whose facts have no steps', () => {
    expect(stepOverruns(progress.slice(0, 2), '2026-03-16T16:00:00+07:00', new Date('2026-03-20T00:00:00Z'), calendar)).toEqual([]);
    expect(stepOverruns([{ sequence: 1, at: '2026-03-16T09:00:00+07:00' }], null, new Date('2026-04-20T00:00:00Z'), calendar)).toEqual([]);
  });
});
