import type { Cell, ExportColumn, ExportDocument } from '../exports/export-document.js';
import { reportAbout } from '../reports/report-exports.js';
import type { ComplaintReportFigures, ComplaintsReport } from './complaints-report.dto.js';

const COLUMNS: ExportColumn[] = [
  { header: 'Phản ánh, kiến nghị tiếp nhận', kind: 'count' },
  { header: 'Đã trả lời', kind: 'count' },
  { header: 'Trả lời đúng hạn', kind: 'count' },
  { header: 'Trả lời quá hạn', kind: 'count' },
  { header: 'Chưa trả lời cuối kỳ', kind: 'count' },
  { header: 'Chưa trả lời, quá hạn', kind: 'count' },
  { header: 'Tỷ lệ trả lời đúng hạn', kind: 'share' },
];

const cells = (f: ComplaintReportFigures): Cell[] => [f.filed, f.answered, f.answeredInTime, f.answeredLate, f.unansweredAtEnd, f.unansweredOverdue, f.answeredInTimeShare?.ratio ?? null];

export function complaintsExport(report: ComplaintsReport): ExportDocument {
  const rows: Cell[][] = [...report.rows.map((r) => [r.key || '(không gắn hồ sơ)', ...cells(r)]), ['Tổng cộng', ...cells(report.total)]];
  if (report.previous) rows.push([`Cùng kỳ năm trước (${report.previous.period.label})`, ...cells(report.previous.total)]);
  const p = report.period;
  return {
    fileName: `phan-anh-kien-nghi-${p.label.replace(/[^0-9A-Za-z-]+/g, '_')}`,
    formNumber: 'PAKN',
    title: 'Tình hình tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính',
    sheets: [{ name: 'Phản ánh, kiến nghị', columns: [{ header: 'Phạm vi', kind: 'text' }, ...COLUMNS], rows }],
    about: reportAbout(report.period, report.scope, [`Đúng hạn: trả lời trong ${report.answerWorkingDays} ngày làm việc kể từ khi tiếp nhận.`]),
  };
}
