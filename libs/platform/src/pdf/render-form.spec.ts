import { describe, expect, it } from '@jest/globals';
import { FORM_FONT_NAMES, renderFormPdf, type FormTable, type PrintableForm } from './index.js';
import { readPdfPages } from '../testing/pdf-text.js';

// The text comes back through pdf.js reading the PDF's own ToUnicode maps, so a glyph that was
// drawn from the wrong font, dropped, or stored decomposed shows up as a different string.
const readPages = readPdfPages;

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
// Every letter with a tone mark on a breve, horn or circumflex, plus đ/Đ: the ones fonts miss.
const HARD_LETTERS = 'ắ ằ ẳ ẵ ặ Ắ Ằ Ẳ Ẵ Ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ơ ư Ơ Ư đ Đ ỳ ỵ ỷ ỹ';

function receiptForm(overrides: Partial<PrintableForm> = {}): PrintableForm {
  return {
    formNumber: '01',
    issuer: 'UBND tỉnh Hà Nam',
    issuerLines: ['Trung tâm Phục vụ hành chính công'],
    reference: 'Số: 000.00.01.H56-260316-0001',
    placeAndDate: 'Hà Nam, ngày 16 tháng 3 năm 2026',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    body: [
      {
        kind: 'fields',
        fields: [
          { label: 'Tiếp nhận hồ sơ của', value: 'Ông Nguyễn Văn Ắt' },
          { label: 'Nội dung yêu cầu giải quyết', value: 'Cấp giấy chứng nhận đăng ký hộ kinh doanh' },
        ],
      },
      { kind: 'paragraph', text: 'Khi đến nhận kết quả, đề nghị ông/bà mang theo giấy này.' },
    ],
    signatures: [
      { role: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Văn Ắt' },
      { role: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: 'Trần Thị Bình' },
    ],
    ...overrides,
  };
}

function handoverTable(rows: string[][]): FormTable {
  return {
    kind: 'table',
    caption: 'Quá trình giao nhận hồ sơ',
    columns: [{ header: 'Tên cơ quan', width: 4 }, { header: 'Thời gian giao, nhận hồ sơ', width: 3 }, { header: 'Kết quả giải quyết', width: 3, align: 'center' }],
    rows,
  };
}

describe('renderFormPdf', () => {
  it('keeps every Vietnamese letter, also from decomposed input, and prints the official header', async () => {
    const pdf = await renderFormPdf(
      receiptForm({
        subtitle: 'Mã hồ sơ: 000.00.01.H56-260316-0001',
        body: [
          {
            kind: 'fields',
            fields: [
              { label: 'Tiếp nhận hồ sơ của', value: 'Ông Nguyễn Văn Ắt'.normalize('NFD') },
              { label: 'Chữ khó', value: HARD_LETTERS },
              { label: 'Chữ khó, gõ tách dấu'.normalize('NFD'), value: HARD_LETTERS.normalize('NFD') },
            ],
          },
          { kind: 'paragraph', text: 'Đề nghị ông/bà bổ sung hồ sơ trước ngày hẹn trả kết quả.'.normalize('NFD') },
        ],
      }),
    );

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await readPages(pdf);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    for (const expected of [
      'Mẫu số 01',
      NATIONAL_NAME,
      NATIONAL_MOTTO,
      'UBND TỈNH HÀ NAM',
      'Số: 000.00.01.H56-260316-0001',
      'Hà Nam, ngày 16 tháng 3 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.01.H56-260316-0001',
      'Tiếp nhận hồ sơ của: Ông Nguyễn Văn Ắt',
      `Chữ khó: ${HARD_LETTERS}`,
      `Chữ khó, gõ tách dấu: ${HARD_LETTERS}`,
      'Đề nghị ông/bà bổ sung hồ sơ trước ngày hẹn trả kết quả.',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      '(Ký và ghi rõ họ tên)',
      'Trần Thị Bình',
    ]) {
      expect(page.text).toContain(expected);
    }
    // the issuing unit's name may be wrapped over two lines in its narrow column
    expect(page.text).toMatch(/TRUNG TÂM PHỤC VỤ\s?HÀNH CHÍNH CÔNG/);
    expect(page.text).not.toMatch(/[\u0300-\u036f]/); // no combining mark survived
    expect(page.text).not.toContain('Trang 1'); // a single page carries no page number

    // The national header sits top-right and the issuer top-left, above the title.
    const position = (text: string) => page.items.find((item) => item.text.includes(text))!;
    const nationalName = position(NATIONAL_NAME);
    const issuer = position('UBND TỈNH HÀ NAM');
    const title = position('GIẤY TIẾP NHẬN HỒ SƠ');
    expect(nationalName.x).toBeGreaterThan(page.width / 3);
    expect(issuer.x).toBeLessThan(page.width / 3);
    expect(nationalName.y).toBeGreaterThan(page.height * 0.8);
    expect(Math.abs(issuer.y - nationalName.y)).toBeLessThan(2);
    expect(title.y).toBeLessThan(nationalName.y);
  });

  it('embeds Noto Serif regular and bold as font files', async () => {
    const pdf = await renderFormPdf(receiptForm());
    // pdfkit writes object dictionaries uncompressed; only the streams are deflated.
    const raw = pdf.toString('latin1');
    const descriptors = raw.match(/<<[^<>]*\/Type \/FontDescriptor[^<>]*>>/g) ?? [];
    for (const fontName of [FORM_FONT_NAMES.regular, FORM_FONT_NAMES.bold]) {
      const descriptor = descriptors.find((candidate) => new RegExp(`/FontName /[A-Z]{6}\\+${fontName}\\b`).test(candidate));
      expect(descriptor).toBeDefined();
      const fontFile = descriptor!.match(/\/FontFile[23] (\d+) 0 R/);
      expect(fontFile).not.toBeNull();
      const stream = raw.match(new RegExp(`\\n${fontFile![1]} 0 obj\\s*<<[^<>]*/Length (\\d+)[^<>]*>>\\s*stream`));
      expect(Number(stream?.[1])).toBeGreaterThan(1000); // a real (subset) font, not an empty stream
    }
  });

  it('continues a long table on the next pages with its header row repeated and numbers the pages', async () => {
    const rows = Array.from({ length: 70 }, (_, index) => [
      `Hồ sơ số ${String(index + 1).padStart(3, '0')}: Bộ phận tiếp nhận và trả kết quả chuyển Phòng Tài chính – Kế hoạch`,
      `08 giờ ${index % 60} phút, ngày 16/3/2026`,
      index % 2 ? 'Đúng hạn' : 'Trước hạn',
    ]);
    const pdf = await renderFormPdf({ ...receiptForm(), formNumber: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', body: [handoverTable(rows)] });

    const pages = await readPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(occurrences(pages[0].text, 'Quá trình giao nhận hồ sơ')).toBe(1);
    pages.forEach((page, index) => {
      expect(page.text).toContain(`Trang ${index + 1}/${pages.length}`);
      // every page but the last (which holds the signatures) starts with the table's header row
      if (index === pages.length - 1 && !page.text.includes('Hồ sơ số')) return;
      expect(occurrences(page.text, 'Tên cơ quan')).toBe(1);
      expect(occurrences(page.text, 'Thời gian giao, nhận hồ sơ')).toBe(1);
      expect(page.text.indexOf('Tên cơ quan')).toBeLessThan(page.text.indexOf('Hồ sơ số'));
    });

    // every row once, in order, whole (no row cut between pages)
    const allText = pages.map((page) => page.text).join(' ');
    const printedRows = [...allText.matchAll(/Hồ sơ số (\d{3}): Bộ phận tiếp nhận và trả kết quả chuyển Phòng Tài chính – Kế hoạch/g)].map((match) => Number(match[1]));
    expect(printedRows).toEqual(rows.map((_, index) => index + 1));
    expect(occurrences(allText, 'Trước hạn')).toBe(35);
  });

  it('splits a row taller than a page between pages', async () => {
    const tallCell = Array.from({ length: 80 }, (_, index) => `Dòng ${index + 1} của ghi chú`).join('\n');
    const pdf = await renderFormPdf(receiptForm({ body: [handoverTable([['Phòng Tư pháp', '09 giờ, ngày 17/3/2026', tallCell]])] }));

    const pages = await readPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const allText = pages.map((page) => page.text).join(' ');
    for (let line = 1; line <= 80; line++) expect(occurrences(allText, `Dòng ${line} của ghi chú`)).toBe(1);
    expect(occurrences(pages[1].text, 'Tên cơ quan')).toBe(1);
    expect(pages[1].text.indexOf('Tên cơ quan')).toBeLessThan(pages[1].text.indexOf('Dòng'));
  });

  it('keeps a short header whole in a narrow column, and leaves room to sign above the name at a signature cell\'s foot', async () => {
    const table: FormTable = {
      kind: 'table',
      columns: [
        { header: 'STT', width: 0.3, align: 'center' },
        { header: 'Bên giao (ký, ghi rõ họ tên)', width: 5, signature: true },
        { header: 'Kết quả', width: 5 },
      ],
      rows: [['1', 'Sở Tư pháp\n\nTrần Thị Bình', 'Chuyển xử lý']],
    };
    const [page] = await readPages(await renderFormPdf(receiptForm({ body: [table], signatures: [] })));
    const item = (text: string) => page.items.find((candidate) => candidate.text === text)!;
    expect(item('STT')).toBeDefined(); // one run, not "ST" over "T"
    const unit = item('Sở Tư pháp');
    const name = item('Trần Thị Bình');
    expect(unit.y - name.y).toBeGreaterThan(3 * 11); // three lines of room to sign between them
    expect(Math.abs(item('Chuyển xử lý').y - unit.y)).toBeLessThan(1); // the other cells start at the top
  });

  it('refuses a table row with more cells than the table has columns', async () => {
    await expect(renderFormPdf(receiptForm({ body: [handoverTable([['a', 'b', 'c', 'd']])] }))).rejects.toThrow('row 1 of table "Quá trình giao nhận hồ sơ" has 4 cells for 3 columns');
  });
});
