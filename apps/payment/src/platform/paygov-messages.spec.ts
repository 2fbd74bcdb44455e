import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { attemptReference, maXacThuc, parseAmount, parsePaygovTime, paygovTime, verifiesMaXacThuc } from './paygov-messages.js';

const KEY = 'shared-key-0123456789';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the payment platform\'s MaXacThuc', () => {
  const result = {
    LoaiBanTin: 'PAY',
    MaLoi: '00',
    MaDoiTac: 'ONESTOP',
    MaThamChieu: 'B7K2M9QX4T2D01',
    SoTien: '135000',
    MaTienTe: 'VND',
    MaGiaoDich: 'PG2603160001',
    MaNganHang: 'VCB',
    ThoiGianGD: '20260316100612',
    ThongTinGiaoDich: 'Thanh toán hồ sơ',
  };

  it('hashes a result\'s fields in the platform\'s order with the key last, whatever order the message has them in', () => {
    const expected = sha('PAY|00|ONESTOP|B7K2M9QX4T2D01|135000|VND|PG2603160001|VCB|20260316100612|Thanh toán hồ sơ|shared-key-0123456789');
    const shuffled = Object.fromEntries(Object.entries(result).reverse());
    expect(maXacThuc('RESULT', shuffled, KEY)).toBe(expected);
  });

  it('verifies its own hash in either case and refuses a changed amount, another key, or a malformed value', () => {
    const signed = { ...result, MaXacThuc: maXacThuc('RESULT', result, KEY).toUpperCase() };
    expect(verifiesMaXacThuc('RESULT', signed, KEY)).toBe(true);
    expect(verifiesMaXacThuc('RESULT', { ...signed, SoTien: '1000' }, KEY)).toBe(false);
    expect(verifiesMaXacThuc('RESULT', signed, 'another-key-0123456789')).toBe(false);
    expect(verifiesMaXacThuc('RESULT', { ...signed, MaXacThuc: 'not-hex' }, KEY)).toBe(false);
    expect(verifiesMaXacThuc('RESULT', { ...result }, KEY)).toBe(false);
  });

  it('writes and reads ThoiGianGD in Vietnam\'s 24-hour time', () => {
    expect(paygovTime(new Date('2026-03-16T15:06:12+07:00'))).toBe('20260316150612');
    expect(parsePaygovTime('20260316150612')?.toISOString()).toBe('2026-03-16T08:06:12.000Z');
    expect(parsePaygovTime('2026-03-16')).toBeUndefined();
  });

  it('reads SoTien as whole VND only', () => {
    expect(parseAmount('135000')).toBe(135000n);
    expect(parseAmount(135000)).toBe(135000n);
    expect(parseAmount('135000.5')).toBeUndefined();
    expect(parseAmount(1.5)).toBeUndefined();
    expect(parseAmount('-5')).toBeUndefined();
  });

  it('gives each attempt of a bill its own reference', () => {
    expect(attemptReference('B7K2M9QX4T2D', 1)).toBe('B7K2M9QX4T2D01');
    expect(attemptReference('B7K2M9QX4T2D', 12)).toBe('B7K2M9QX4T2D12');
  });
});
