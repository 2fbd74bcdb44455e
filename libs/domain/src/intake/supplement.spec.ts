import { describe, expect, it } from '@jest/globals';
import { describeSupplementItems, outstandingSupplementItems, supplementItemsOf } from './supplement.js';

describe('supplement request items (form 02)', () => {
  it('reads items stored before they were numbered (free text) as extra items, in order', () => {
    expect(supplementItemsOf([{ name: 'Giấy khám sức khỏe', note: 'Bản chính' }, { name: 'Ảnh 3x4' }])).toEqual([
      { item: 1, requirement: null, name: 'Giấy khám sức khỏe', note: 'Bản chính' },
      { item: 2, requirement: null, name: 'Ảnh 3x4', note: null },
    ]);
    expect(supplementItemsOf([{ item: 1, requirement: 3, name: 'Bản sao giấy khai sinh', note: null }])).toEqual([{ item: 1, requirement: 3, name: 'Bản sao giấy khai sinh', note: null }]);
    expect(supplementItemsOf(undefined)).toEqual([]);
  });

  it('tells what no answer has supplied yet, and words items for the control sheet', () => {
    const items = supplementItemsOf([{ item: 1, requirement: 3, name: 'Bản sao giấy khai sinh', note: 'Có chứng thực' }, { item: 2, name: 'Giấy xác nhận nơi cư trú' }]);
    expect(outstandingSupplementItems(items, [{ items: [{ item: 1 }] }]).map((i) => i.item)).toEqual([2]);
    expect(outstandingSupplementItems(items, [{ items: [{ item: 1 }] }, { items: [{ item: 2 }] }])).toEqual([]);
    expect(describeSupplementItems(items)).toBe('1. Bản sao giấy khai sinh (Có chứng thực); 2. Giấy xác nhận nơi cư trú');
    expect(describeSupplementItems([{ item: null, requirement: 2, name: null }])).toBe('thành phần hồ sơ số 2');
  });
});
