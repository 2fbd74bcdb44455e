import { describe, expect, it } from '@jest/globals';
import { feeLinesOf, paygovFeeKind, totalVnd } from './fees.js';

describe('fee lines', () => {
  it('says every line\'s code, kind and due time, reading phí and lệ phí from the name when not given', () => {
    expect(
      feeLinesOf([
        { name: 'Lệ phí cấp giấy phép', amountVnd: 135000 },
        { name: 'Phí thẩm định hồ sơ', amountVnd: 500000, due: 'before_result' },
        { code: 'LP-X', name: 'Phí', kind: 'charge', amountVnd: 0 },
      ]),
    ).toEqual([
      { code: 'LP-1', name: 'Lệ phí cấp giấy phép', kind: 'charge', amountVnd: 135000, due: 'at_submission' },
      { code: 'LP-2', name: 'Phí thẩm định hồ sơ', kind: 'fee', amountVnd: 500000, due: 'before_result' },
      { code: 'LP-X', name: 'Phí', kind: 'charge', amountVnd: 0, due: 'at_submission' },
    ]);
  });

  it('adds amounts as whole VND and refuses a total past a safe integer', () => {
    expect(totalVnd([{ amountVnd: 135000 }, { amountVnd: 500000 }])).toBe(635000);
    expect(() => totalVnd([{ amountVnd: Number.MAX_SAFE_INTEGER }, { amountVnd: 1 }])).toThrow(RangeError);
  });

  it('numbers the kinds as the payment platform does: 1 phí, 2 lệ phí', () => {
    expect([paygovFeeKind('fee'), paygovFeeKind('charge')]).toEqual([1, 2]);
  });
});
