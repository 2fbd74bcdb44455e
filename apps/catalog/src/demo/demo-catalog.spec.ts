import { describe, expect, it } from '@jest/globals';
import { demoCatalog } from './demo-catalog.js';

const procedures = demoCatalog().procedures.map((p) => p.procedure);
const named = (pattern: RegExp) => procedures.filter((p) => pattern.test(p.name));
const documentNames = (p: (typeof procedures)[number]) => p.documents.map((d) => d.name);
const requiredNames = (p: (typeof procedures)[number]) => p.documents.filter((d) => d.required).map((d) => d.name);

describe('the demo catalog\'s required documents', () => {
  it('asks for the judicial record certificate\'s own papers: the request form and an identity document', () => {
    const judicialRecords = procedures.filter((p) => p.fieldCode === 'TP-LLTP');
    expect(judicialRecords.length).toBeGreaterThan(0);
    for (const p of judicialRecords) {
      expect({ name: p.name, required: requiredNames(p) }).toEqual({
        name: p.name,
        required: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', expect.stringMatching(/^Bản chụp (giấy tờ tùy thân \(thẻ căn cước, căn cước công dân hoặc hộ chiếu\)|hộ chiếu) của người được cấp Phiếu lý lịch tư pháp$/)],
      });
    }
  });

  it('asks for a birth registration\'s own papers: the declaration and the birth certificate', () => {
    const births = named(/khai sinh/).filter((p) => !/đăng ký lại/i.test(p.name));
    expect(births.map((p) => p.name)).toContain('Đăng ký khai sinh');
    for (const p of births) {
      expect({ name: p.name, required: requiredNames(p) }).toEqual({ name: p.name, required: ['Tờ khai đăng ký khai sinh', expect.stringMatching(/^Giấy chứng sinh \(hoặc văn bản/)] });
    }
  });

  it('asks for a site plan only where land or a building is concerned', () => {
    const withSitePlan = procedures.filter((p) => documentNames(p).includes('Bản vẽ, sơ đồ vị trí'));
    expect(withSitePlan.length).toBeGreaterThan(0);
    for (const p of withSitePlan) expect({ name: p.name, about: /xây dựng|đất|công trình|đào đường/i.test(p.name) || ['XD-CP', 'TN-DD'].includes(p.fieldCode) }).toEqual({ name: p.name, about: true });
    for (const p of named(/hộ tịch|khai sinh|kết hôn|khai tử|lý lịch tư pháp|chứng thực/i)) expect({ name: p.name, documents: documentNames(p) }).not.toEqual({ name: p.name, documents: expect.arrayContaining(['Bản vẽ, sơ đồ vị trí']) });
  });

  it('gives every procedure an application form first and at least two required documents, none twice', () => {
    for (const p of procedures) {
      expect({ name: p.name, ok: requiredNames(p).length >= 2 && p.documents[0].required && new Set(documentNames(p)).size === p.documents.length }).toEqual({ name: p.name, ok: true });
    }
  });
});
