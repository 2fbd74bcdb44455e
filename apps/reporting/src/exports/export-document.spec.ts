import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { type ExportDocument, exportFormat, toCsv, toXlsx, XLSX_TYPE } from './export-document.js';

const doc: ExportDocument = {
  fileName: 'bao-cao',
  title: 'Báo cáo thử',
  sheets: [
    {
      name: 'Mẫu II.06a',
      columns: [
        { header: 'Cơ quan, "đơn vị"', kind: 'text' },
        { header: 'Tổng số hồ sơ', kind: 'count' },
        { header: 'Tỷ lệ', kind: 'share' },
      ],
      rows: [
        ['Sở Tư pháp, tỉnh Hà Nam', 12, 1 / 3],
        ['Tổng cộng', 12, null],
      ],
    },
  ],
  about: [['Kỳ báo cáo', '2025']],
};

describe('report exports', () => {
  it('picks the format from ?format=, then Accept, JSON by default', () => {
    expect(exportFormat(undefined, undefined)).toBe('json');
    expect(exportFormat(undefined, 'application/json')).toBe('json');
    expect(exportFormat(undefined, 'text/csv')).toBe('csv');
    expect(exportFormat(undefined, `${XLSX_TYPE}, application/json;q=0.5`)).toBe('xlsx');
    expect(exportFormat(undefined, 'application/json, text/csv')).toBe('json');
    expect(exportFormat('csv', 'application/json')).toBe('csv');
  });

  it('writes RFC 4180 CSV with a byte-order mark, quoting what needs it, shares unrounded', () => {
    const text = toCsv(doc).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')).toEqual(['"Cơ quan, ""đơn vị""",Tổng số hồ sơ,Tỷ lệ', `"Sở Tư pháp, tỉnh Hà Nam",12,${1 / 3}`, 'Tổng cộng,12,', '']);
  });

  it('writes a workbook with the table, its Vietnamese headers, percentages formatted, and the "Thông tin" sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(doc)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Mẫu II.06a', 'Thông tin']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Cơ quan, "đơn vị"', 'Tổng số hồ sơ', 'Tỷ lệ']);
    expect(sheet.getCell('C2').value).toBeCloseTo(1 / 3, 15);
    expect(sheet.getCell('C2').numFmt).toBe('0.00%');
    expect(workbook.worksheets[1].getRow(3).values).toEqual([undefined, 'Kỳ báo cáo', '2025']);
  });
});
