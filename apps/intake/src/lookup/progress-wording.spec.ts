import { describe, expect, it } from '@jest/globals';
import { describeStep, DOSSIER_STATUSES, STEP_DESCRIPTIONS } from '@onestop/domain';
import { describeStatus } from './progress-wording.js';

describe('the public lookup\'s words for a progress step', () => {
  it('never passes on the text stored with a step: reasons and notes become the status\'s standard words', () => {
    // The words come from the step's action and status only: the stored text is not even an input.
    expect(describeStep({ status: 'withdrawn', action: 'withdraw' }, 'counter')).toBe('Công dân rút hồ sơ');
    expect(describeStep({ status: 'refused', action: 'refuse' }, 'counter')).toBe('Hồ sơ không đủ điều kiện giải quyết');
    expect(describeStep({ status: 'stopped', action: 'stop' }, 'counter')).toBe('Dừng giải quyết hồ sơ');
    expect(describeStep({ status: 'supplement_requested', action: 'request_supplement' }, 'counter')).toBe('Yêu cầu bổ sung hồ sơ');
    expect(describeStep({ status: 'processed', action: 'issue_result' }, 'counter')).toBe('Đã có kết quả giải quyết');
    expect(describeStep({ status: 'processing', action: 'assign' }, 'counter')).toBe('Đang giải quyết');
    expect(describeStep({ status: 'accepted', action: null }, 'counter')).toBe('Đã tiếp nhận hồ sơ');
  });

  it('keeps the standard words of the steps intake and workflow record, and only the phrase of an apology', () => {
    expect(describeStep({ status: 'accepted', action: 'accept' }, 'online')).toBe('Tiếp nhận hồ sơ trực tuyến');
    expect(describeStep({ status: 'accepted', action: 'receive' }, 'online')).toBe('Tiếp nhận hồ sơ trực tuyến');
    expect(describeStep({ status: 'accepted', action: 'receive' }, 'counter')).toBe('Tiếp nhận hồ sơ tại bộ phận một cửa');
    expect(describeStep({ status: 'registered', action: 'register' }, 'online')).toBe('Nộp hồ sơ trực tuyến, chờ bộ phận một cửa tiếp nhận');
    expect(describeStep({ status: 'processing', action: 'appraise' }, 'counter')).toBe('Đã thẩm định, chuyển phê duyệt');
    expect(describeStep({ status: 'processing', action: 'apologise' }, 'counter')).toBe('Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả');
    expect(describeStep({ status: 'returned', action: 'result_delivered_electronically' }, 'online')).toBe('Đã trả kết quả điện tử');
    expect(describeStep({ status: 'processed', action: 'result_returned_by_post' }, 'post')).toContain('nhận kết quả tại bộ phận một cửa');
    // An action's words are shown only with the status its step shows.
    expect(describeStep({ status: 'withdrawn', action: 'forward' }, 'counter')).toBe('Công dân rút hồ sơ');
    expect(describeStep({ status: 'processed', action: 'approve' }, 'counter')).toBe('Đã có kết quả giải quyết');
  });

  it('tells an apology at whichever step it was made, and a late dossier\'s status with its new date', () => {
    for (const status of ['accepted', 'processing', 'supplement_requested'] as const) {
      expect(describeStep({ status, action: 'apologise' }, 'counter')).toBe('Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả');
    }
    expect(describeStatus('processing', false, null)).toBe('Đang giải quyết');
    expect(describeStatus('processing', true, null)).toBe('Đang giải quyết (quá hạn giải quyết)');
    expect(describeStatus('accepted', true, '2026-04-03T16:00:00+07:00')).toBe('Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: 03/04/2026 16:00');
  });

  it('has words for every status', () => {
    for (const status of DOSSIER_STATUSES) expect(STEP_DESCRIPTIONS[status]).toEqual(expect.any(String));
  });
});
