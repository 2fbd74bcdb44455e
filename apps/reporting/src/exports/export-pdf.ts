import { type PrintableForm, renderFormPdf } from '@onestop/platform';
import type { Cell, ColumnKind, ExportDocument } from './export-document.js';

const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DECIMAL = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** A cell as printed: counts with the Vietnamese thousands separator (1.234), shares as 99,10 %. */
function printed(cell: Cell, kind: ColumnKind): string {
  if (cell === null || cell === undefined) return '';
  const value = typeof cell === 'object' ? cell.count : cell;
  if (typeof value === 'string') return value;
  // The percent sign stays with its number (Intl puts a no-break space between them, which a narrow cell still breaks at).
  if (kind === 'share') return PERCENT.format(value).replace(/\s/g, '');
  if (kind === 'decimal') return DECIMAL.format(value);
  return COUNT.format(value);
}

/**
 * A report as the national statistical forms print it (Circular 01/2018/TT-VPCP): A4 across,
 * the reporting unit top-left and the national header top-right, the title and the period,
 * the first table of the report with a numbered row each, the signatures of who drew it up
 * and the head of the unit, then what the figures mean in small print.
 */
/** 2025-12-31 as the forms write it: 31/12/2025. */
const day = (iso: string | undefined) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : (iso ?? ''));

export function reportForm(document: ExportDocument, formNumber: string): PrintableForm {
  const sheet = document.sheets[0];
  const about = new Map(document.about);
  const notes = document.about.filter(([label]) => label === 'Ghi chú' || label === '').map(([, text]) => text);
  const numeric = sheet.columns.filter((c) => c.kind !== 'text').length;
  return {
    formNumber,
    issuer: `Đơn vị báo cáo: ${about.get('Phạm vi') ?? 'Toàn tỉnh'}`,
    reference: `Số liệu tính đến đầu ngày ${day(about.get('Số liệu tính đến (đầu ngày)'))}`,
    title: document.title,
    subtitle: `Kỳ báo cáo: ${about.get('Kỳ báo cáo') ?? ''} (từ ngày ${day(about.get('Từ ngày'))} đến ngày ${day(about.get('Đến ngày'))})`,
    landscape: true,
    // Many columns of figures across the page: the smaller type keeps a figure on one line.
    tableTextSize: numeric > 12 ? 6.5 : 8,
    body: [
      {
        kind: 'table',
        columns: [
          { header: 'STT', width: 0.6, align: 'center' },
          ...sheet.columns.map((c) => ({ header: c.header, width: c.kind === 'text' ? 2.4 : 1, align: c.kind === 'text' ? ('left' as const) : ('right' as const) })),
        ],
        rows: sheet.rows.map((row, index) => [String(index + 1), ...row.map((cell, i) => printed(cell, sheet.columns[i].kind))]),
      },
    ],
    signatures: [
      { role: 'Người lập biểu', note: '(Ký, ghi rõ họ tên)' },
      { role: 'Thủ trưởng đơn vị', note: '(Ký, ghi rõ họ tên, đóng dấu)' },
    ],
    // What the figures mean, in small print under the signatures, so that they stay with the table.
    footnote: [...notes, `Lập lúc ${about.get('Lập lúc') ?? ''}. Chỉ số liệu tổng hợp, không có dữ liệu cá nhân.`].join('\n'),
  };
}

export function reportPdf(document: ExportDocument, formNumber: string): Promise<Buffer> {
  return renderFormPdf(reportForm(document, formNumber));
}
