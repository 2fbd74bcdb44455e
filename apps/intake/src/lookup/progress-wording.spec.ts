import { describe, expect, it } from '@jest/globals';
import { DOSSIER_STATUSES } from '@onestop/domain';
import { describeStatus, describeStep, STEP_DESCRIPTIONS } from './progress-wording.js';

describe('the public lookup\'s words for a progress step', () => {
  it('never passes on the text stored with a step: reasons and notes become the status\'s standard words', () => {
    expect(describeStep('withdrawn', 'Công dân rút hồ sơ: Bà Phạm Thị Mai nằm viện, gọi 0977555111')).toBe('Công dân rút hồ sơ');
    expect(describeStep('refused', 'Hồ sơ không đủ điều kiện giải quyết: ông Nguyễn Văn Tư chưa đủ 18 tuổi')).toBe('Hồ sơ không đủ điều kiện giải quyết');
    expect(describeStep('stopped', 'Dừng giải quyết hồ sơ: theo đơn của ông Tư')).toBe('Dừng giải quyết hồ sơ');
    expect(describeStep('supplement_requested', 'Yêu cầu bổ sung hồ sơ: Giấy khám sức khỏe của bà Mai')).toBe('Yêu cầu bổ sung hồ sơ');
    expect(describeStep('processed', 'Đã có kết quả: GPLX 350912345678')).toBe('Đã có kết quả giải quyết');
    expect(describeStep('processing', 'Phân công cho Trần Thị Bình')).toBe('Đang giải quyết');
    expect(describeStep('accepted', null)).toBe('Đã tiếp nhận hồ sơ');
  });

  it('keeps the standard phrases intake and workflow record, and only the phrase of an apology', () => {
    expect(describeStep('accepted', 'Tiếp nhận hồ sơ trực tuyến')).toBe('Tiếp nhận hồ sơ trực tuyến');
    expect(describeStep('processing', 'Đã thẩm định, chuyển phê duyệt')).toBe('Đã thẩm định, chuyển phê duyệt');
    expect(describeStep('processing', 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả (ông Tư ốm)')).toBe('Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả');
    expect(describeStep('returned', 'Đã trả kết quả điện tử')).toBe('Đã trả kết quả điện tử');
    // A phrase is recognised only with its own status.
    expect(describeStep('withdrawn', 'Chuyển xử lý')).toBe('Công dân rút hồ sơ');
  });

  it('tells an apology at whichever step it was made, and a late dossier\'s status with its new date', () => {
    for (const status of ['accepted', 'processing', 'supplement_requested'] as const) {
      expect(describeStep(status, 'Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả (bà Mai ốm)')).toBe('Xin lỗi công dân vì chậm trễ, hẹn lại ngày trả kết quả');
    }
    expect(describeStatus('processing', false, null)).toBe('Đang giải quyết');
    expect(describeStatus('processing', true, null)).toBe('Đang giải quyết (quá hạn giải quyết)');
    expect(describeStatus('accepted', true, '2026-04-03T16:00:00+07:00')).toBe('Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: 03/04/2026 16:00');
  });

  it('has words for every status', () => {
    for (const status of DOSSIER_STATUSES) expect(STEP_DESCRIPTIONS[status]).toEqual(expect.any(String));
  });
});
