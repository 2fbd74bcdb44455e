import { STEP_KINDS } from '@onestop/domain';
import { type Cell, type ExportColumn, type ExportDocument, linked } from '../exports/export-document.js';
import { reportAbout } from '../reports/report-exports.js';
import type { LatenessCausesReport, LatenessFigures } from './lateness-causes.dto.js';

/** The steps as the forms name them. */
const STEP_NAMES: Record<(typeof STEP_KINDS)[number], string> = { receive: 'tiếp nhận', appraise: 'thẩm định, xử lý', approve: 'phê duyệt', return: 'trả kết quả' };

function columns(report: LatenessCausesReport): ExportColumn[] {
  return [
    { header: 'Cơ quan giải quyết', kind: 'text' },
    { header: 'Tổng số hồ sơ trễ hạn', kind: 'count' },
    { header: 'Đã giải quyết quá hạn', kind: 'count' },
    { header: 'Đang giải quyết quá hạn', kind: 'count' },
    { header: 'Có thư xin lỗi', kind: 'count' },
    { header: 'Chưa có thư xin lỗi', kind: 'count' },
    ...report.categories.map((c): ExportColumn => ({ header: `Nguyên nhân: ${c.name}`, kind: 'count' })),
    ...STEP_KINDS.flatMap((kind): ExportColumn[] => [
      { header: `Quá hạn ở bước ${STEP_NAMES[kind]}: số hồ sơ`, kind: 'count' },
      { header: `Quá hạn ở bước ${STEP_NAMES[kind]}: số giờ làm việc`, kind: 'decimal' },
    ]),
    { header: 'Không bước nào quá hạn', kind: 'count' },
  ];
}

const cells = (report: LatenessCausesReport, f: LatenessFigures): Cell[] => [
  f.late,
  linked(f.finishedLate, f.links.finishedLate),
  linked(f.inProgressOverdue, f.links.inProgressOverdue),
  f.withApology,
  f.withoutApology,
  ...report.categories.map((c) => f.apologiesByCause[c.key] ?? 0),
  ...STEP_KINDS.flatMap((kind) => [f.overrunSteps[kind].dossiers, f.overrunSteps[kind].workingHours]),
  f.withoutOverrunStep,
];

/** Nguyên nhân trễ hạn: one row per competent agency, the total, and last year's total when compared. */
export function latenessCausesExport(report: LatenessCausesReport): ExportDocument {
  const rows: Cell[][] = [...report.rows.map((r) => [r.agencyCode, ...cells(report, r)]), ['Tổng cộng', ...cells(report, report.total)]];
  if (report.previous) rows.push([`Cùng kỳ năm trước (${report.previous.period.label})`, ...cells(report.previous, report.previous.total)]);
  const p = report.period;
  return {
    fileName: `nguyen-nhan-tre-han-${p.label.replace(/[^0-9A-Za-z-]+/g, '_')}`,
    formNumber: 'NNTH',
    title: 'Tình hình hồ sơ trễ hạn và nguyên nhân',
    sheets: [{ name: 'Nguyên nhân trễ hạn', columns: columns(report), rows }],
    about: reportAbout(report.period, report.scope, [
      'Hồ sơ trễ hạn: đã giải quyết quá hạn trong kỳ và đang giải quyết quá hạn cuối kỳ (như biểu II.06a).',
      'Nguyên nhân: theo lý do ghi trong thư xin lỗi, phân loại theo từ khóa; mỗi thư xin lỗi được tính một lần.',
      'Bước quá hạn: bước xử lý kết thúc sau thời hạn của bước (hoặc chưa kết thúc khi đã quá hạn), tính theo giờ làm việc.',
    ]),
  };
}
