import { describe, expect, it } from '@jest/globals';
import { alreadyExists, emcStatus, intakeRequestOf, portalAnswerOf, portalTime, sessionExpired, succeeded } from './portal-mapping.js';
import { NationalStatusTable, statusMapProblem } from './national-status.js';

describe('the national portal mapping', () => {
  it('writes times as yyyyMMddHHmmss in Vietnam, whatever offset they came in, and nothing for none', () => {
    expect(portalTime('2026-03-16T10:00:00+07:00')).toBe('20260316100000');
    expect(portalTime('2026-03-16T20:30:05Z')).toBe('20260317033005');
    expect(portalTime(new Date('2026-12-31T17:00:00.999Z'))).toBe('20270101000000');
    expect(portalTime(null)).toBe('');
  });

  it('sends DOMAIN.md\'s national codes, changed only where the setting says, and never folds 5, 6 or 8 into 9', () => {
    expect(new NationalStatusTable().codeOf('supplement_requested')).toBe(5);
    expect(new NationalStatusTable('{"processed":10}').codeOf('processed')).toBe(10);
    expect(new NationalStatusTable('{"processed":10}').codeOf('payment_requested')).toBe(6);
    expect(statusMapProblem('{"stopped":9}')).toContain('5, 6 and 8 are sent as themselves');
    expect(statusMapProblem('{"payment_requested":9}')).toContain('may not change');
    expect(statusMapProblem('{"finished":9}')).toContain('unknown status');
    expect(statusMapProblem('{"processed":11}')).toContain('codes are 1-10');
    expect(statusMapProblem('[9]')).toContain('JSON object');
    expect(statusMapProblem('{"processed":9}')).toBeNull();
  });

  it('reads the portal\'s answers: "0" succeeds, "already exists" and an expired session are told apart from other refusals', () => {
    expect(succeeded(portalAnswerOf({ error_code: 0 }))).toBe(true);
    expect(succeeded(portalAnswerOf({ error_code: '0' }))).toBe(true);
    expect(succeeded(portalAnswerOf({}))).toBe(false);
    expect(alreadyExists(portalAnswerOf({ error_code: '-1', message: 'Hồ sơ G22-1 đã tồn tại' }))).toBe(true);
    expect(alreadyExists(portalAnswerOf({ error_code: '-1', message: 'Mã TTHC không hợp lệ' }))).toBe(false);
    expect(sessionExpired(portalAnswerOf({ error_code: '-1', message: 'Phiên làm việc đã hết hạn' }))).toBe(true);
    expect(sessionExpired(portalAnswerOf({ error_code: '0', message: 'session ok' }))).toBe(false);
  });

  it('reports EMC statuses: received, assigned when forwarded, processing, result returned, other', () => {
    expect(emcStatus('received', null)).toBe(1);
    expect(emcStatus('processing', 'forward')).toBe(4);
    expect(emcStatus('processing', 'appraise')).toBe(2);
    expect(emcStatus('supplement_requested', 'request_supplement')).toBe(2);
    expect(emcStatus('returned', 'mark_returned')).toBe(3);
    expect(emcStatus('withdrawn', 'withdraw')).toBe(0);
  });

  it('maps the portal\'s dossier onto intake\'s online reception, the documents from the files\' MaThanhPhanHoSo', () => {
    const request = intakeRequestOf({
      MaHoSo: 'G22.99.8-260316-0042',
      MaTTHC: '1.004005',
      MaDonVi: '000.00.01.H56',
      ChuHoSo: 'Bùi Thị Hạnh',
      LoaiDoiTuong: '1',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '035190004321' }],
      SoDienThoai: '0977123456',
      DiaChi: { MaTinh: '35', MaXa: '13291', DiaChiChiTiet: 'Thôn 3' },
      HinhThuc: '1',
      TepDinhKem: [{ TenTepDinhKem: 'b.png', MaThanhPhanHoSo: '2' }, { TenTepDinhKem: 'a.pdf', MaThanhPhanHoSo: '1' }, { TenTepDinhKem: 'c.pdf', MaThanhPhanHoSo: '2' }, { TenTepDinhKem: 'x.pdf' }],
    });
    expect(request).toMatchObject({
      externalId: 'G22.99.8-260316-0042',
      agencyCode: '000.00.01.H56',
      applicant: { kind: 'person', idNumber: '035190004321', address: { detail: 'Thôn 3', commune: 'Mã xã 13291', province: 'Mã tỉnh 35' } },
      documents: [{ requirement: 1, quantity: 1 }, { requirement: 2, quantity: 1 }],
      resultDelivery: { method: 'post', address: { detail: 'Thôn 3' } },
      feesPaidOnline: false,
    });
  });
});
