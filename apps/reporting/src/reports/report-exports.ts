import type { DigitisationFigures, DigitisationReport } from './digitisation.dto.js';
import { formatLocal, type Ratio } from '@onestop/domain';
import { BALANCE_COLUMNS as BALANCE_LIST_COLUMNS } from '../drilldown/drilldown-columns.js';
import { type Cell, type ExportColumn, type ExportDocument, linked, shareCells, shareColumns } from '../exports/export-document.js';
import type { OnlineServicesReport } from '../online-services/online-services.dto.js';
import type { BalanceFigures, DossierBalanceReport } from './dossier-balance.dto.js';
import type { FieldSummaryReport } from './field-summary.dto.js';
import type { ServiceIndexReport, TargetsReport } from './index-and-targets.dto.js';
import type { IndicatorFigures, IndicatorsReport } from './indicators.dto.js';
import type { ReportPeriodView, ReportScope } from './report-context.js';

const GROUP_HEADERS: Record<string, string> = {
  agency: 'Cơ quan giải quyết',
  receivingAgency: 'Cơ quan tiếp nhận',
  field: 'Lĩnh vực',
  level: 'Cấp',
  procedure: 'Mã thủ tục',
};

/** The "Thông tin" lines every report's export carries: period, scope, notes, when it was made. */
export function reportAbout(period: ReportPeriodView, scope: ReportScope, notes: string[]): Array<[string, string]> {
  const filters = [
    scope.agency && `cơ quan giải quyết ${scope.agency}`,
    scope.receivingAgency && `cơ quan tiếp nhận ${scope.receivingAgency}`,
    scope.field && `lĩnh vực ${scope.field}`,
    scope.level && `cấp ${scope.level}`,
    scope.procedure && `thủ tục ${scope.procedure}`,
  ].filter(Boolean);
  return [
    ['Kỳ báo cáo', period.label],
    ['Từ ngày', period.from],
    ['Đến ngày', period.to],
    ['Số liệu tính đến (đầu ngày)', period.asOf],
    ['Phạm vi', filters.length ? filters.join('; ') : 'Toàn tỉnh'],
    ['Giới hạn theo cơ quan của người xem', scope.restrictedToAgencies ? scope.restrictedToAgencies.join(', ') : 'Không (toàn tỉnh)'],
    ...notes.map((note, i): [string, string] => [i === 0 ? 'Ghi chú' : '', note]),
    ['Lập lúc', formatLocal(new Date())],
    ['Dữ liệu cá nhân', 'Không có: chỉ số liệu tổng hợp'],
  ];
}

const fileName = (prefix: string, period: ReportPeriodView) => `${prefix}-${period.label.replace(/[^0-9A-Za-z-]+/g, '_')}`;

const BALANCE_COLUMNS: ExportColumn[] = [
  { header: 'Tổng số hồ sơ nhận giải quyết', kind: 'count' },
  { header: 'Từ kỳ trước chuyển sang', kind: 'count' },
  { header: 'Mới tiếp nhận: tổng số', kind: 'count' },
  { header: 'Mới tiếp nhận: trực tuyến', kind: 'count' },
  { header: 'Mới tiếp nhận: trực tiếp', kind: 'count' },
  { header: 'Mới tiếp nhận: qua dịch vụ bưu chính công ích', kind: 'count' },
  { header: 'Đã giải quyết: tổng số', kind: 'count' },
  { header: 'Đã giải quyết: trước hạn', kind: 'count' },
  { header: 'Đã giải quyết: đúng hạn', kind: 'count' },
  { header: 'Đã giải quyết: quá hạn', kind: 'count' },
  { header: 'Đang giải quyết: tổng số', kind: 'count' },
  { header: 'Đang giải quyết: trong hạn', kind: 'count' },
  { header: 'Đang giải quyết: quá hạn', kind: 'count' },
  { header: 'Đang giải quyết: chờ bổ sung', kind: 'count' },
  { header: 'Từ chối giải quyết', kind: 'count' },
  { header: 'Dừng xử lý', kind: 'count' },
  { header: 'Công dân rút hồ sơ', kind: 'count' },
  { header: 'Yêu cầu bổ sung trong kỳ', kind: 'count' },
  { header: 'Tỷ lệ giải quyết trước hạn, đúng hạn', kind: 'share' },
];

/** The counts in the form's column order (that of the lists' columns, each count linked to its list), then the share. */
function balanceCells(f: BalanceFigures): Cell[] {
  const counts = [
    f.received.total,
    f.received.carriedOver,
    f.received.newlyReceived.total,
    f.received.newlyReceived.online,
    f.received.newlyReceived.counter,
    f.received.newlyReceived.post,
    f.finished.total,
    f.finished.early,
    f.finished.onTime,
    f.finished.late,
    f.inProgress.total,
    f.inProgress.withinTime,
    f.inProgress.overdue,
    f.inProgress.awaitingSupplement,
    f.refused,
    f.stopped,
    f.withdrawn,
    f.supplementRequested,
  ];
  return [...counts.map((n, i) => linked(n, f.links?.[BALANCE_LIST_COLUMNS[i].key])), f.shares.finishedOnTime.ratio];
}

export function balanceExport(report: DossierBalanceReport): ExportDocument {
  const group = report.groupBy;
  const lead: ExportColumn[] = group
    ? [{ header: GROUP_HEADERS[group], kind: 'text' }, ...(group === 'procedure' ? [{ header: 'Tên thủ tục', kind: 'text' } as ExportColumn] : [])]
    : [{ header: 'Phạm vi', kind: 'text' }];
  const leadCells = (key: string, name: string | null): Cell[] => (group === 'procedure' ? [key, name] : [key]);
  const rows: Cell[][] = [
    ...report.rows.map((r) => [...leadCells(r.key, r.name), ...balanceCells(r)]),
    [...(group === 'procedure' ? ['Tổng cộng', null] : ['Tổng cộng']), ...balanceCells(report.total)],
  ];
  // With a comparison: last year's same days under the total, each count linked to last year's list.
  if (report.previous) rows.push([...(group === 'procedure' ? [`Cùng kỳ năm trước (${report.previous.period.label})`, null] : [`Cùng kỳ năm trước (${report.previous.period.label})`]), ...balanceCells(report.previous.total)]);
  return {
    fileName: fileName('bao-cao-06a', report.period),
    formNumber: 'II.06a',
    title: 'Tình hình, kết quả giải quyết thủ tục hành chính (Mẫu II.06a)',
    sheets: [{ name: 'Mẫu II.06a', columns: [...lead, ...BALANCE_COLUMNS], rows }],
    about: reportAbout(report.period, report.scope, [
      'Tổng số hồ sơ nhận giải quyết = từ kỳ trước chuyển sang + mới tiếp nhận = đã giải quyết + đang giải quyết + từ chối + dừng xử lý + rút hồ sơ.',
      'Trước hạn: giải quyết trước ngày hẹn; đúng hạn: trong ngày hẹn, không muộn hơn giờ hẹn; quá hạn: sau hạn giải quyết (hạn được lùi theo thời gian chờ bổ sung, không lùi theo phiếu xin lỗi, hẹn lại).',
      'Đang giải quyết: tính đến đầu ngày "Số liệu tính đến"; chờ bổ sung: đang chờ công dân bổ sung hồ sơ (dừng tính thời gian).',
    ]),
  };
}

/** The indicators as lines: label, share, count, and the count's list when it counts dossiers. */
/** Form II.06b: a subtotal row per level, then its fields; the total; last year's total with a comparison. */
export function fieldSummaryExport(report: FieldSummaryReport): ExportDocument {
  const rows: Cell[][] = [];
  for (const level of report.levels) {
    rows.push([level.name, 'Cộng', ...balanceCells(level)]);
    for (const field of level.fields) rows.push([level.name, field.field, ...balanceCells(field)]);
  }
  rows.push(['Tổng cộng', null, ...balanceCells(report.total)]);
  if (report.previous) rows.push([`Cùng kỳ năm trước (${report.previous.period.label})`, null, ...balanceCells(report.previous.total)]);
  return {
    fileName: fileName('bao-cao-06b', report.period),
    formNumber: 'II.06b',
    title: 'Tình hình, kết quả giải quyết thủ tục hành chính theo lĩnh vực và cấp (Mẫu II.06b)',
    sheets: [{ name: 'Mẫu II.06b', columns: [{ header: 'Cấp', kind: 'text' }, { header: 'Lĩnh vực', kind: 'text' }, ...BALANCE_COLUMNS], rows }],
    about: reportAbout(report.period, report.scope, [
      'Số liệu như Mẫu II.06a, theo từng cấp (tỉnh, huyện, xã) và lĩnh vực; mỗi lĩnh vực có thủ tục đang có hiệu lực đều có dòng, kể cả khi không có hồ sơ.',
      'Mỗi số liệu là liên kết tới danh sách hồ sơ tạo nên số liệu đó.',
    ]),
  };
}

function indicatorLines(f: IndicatorFigures): Array<[string, Ratio | null, number | null, string?]> {
  return [
    ['Hồ sơ mới tiếp nhận', null, f.received, f.links?.['received']],
    ['Tiếp nhận trực tuyến', null, f.channels.online, f.links?.['receivedOnline']],
    ['Tiếp nhận trực tiếp', null, f.channels.counter, f.links?.['receivedCounter']],
    ['Tiếp nhận qua bưu chính công ích', null, f.channels.post, f.links?.['receivedPost']],
    ['Tỷ lệ hồ sơ trực tuyến', f.onlineShare, null],
    ['Hồ sơ đủ điều kiện "4 tại chỗ" tiếp nhận trực tiếp', null, f.onTheSpot.eligibleReceived, f.links?.['onTheSpotEligible']],
    ['Hồ sơ giải quyết "4 tại chỗ"', null, f.onTheSpot.handled, f.links?.['handledOnTheSpot']],
    ['Tỷ lệ giải quyết "4 tại chỗ" / hồ sơ đủ điều kiện', f.onTheSpot.handledShareOfEligible, null],
    ['Tỷ lệ giải quyết "4 tại chỗ" / hồ sơ tiếp nhận', f.onTheSpot.handledShareOfReceived, null],
    ['Tỷ lệ TTHC đủ điều kiện "4 tại chỗ"', f.onTheSpot.eligibleProcedures, null],
    ['Tỷ lệ hồ sơ tiếp nhận qua bưu chính', f.post.receivedByPost, null],
    ['Tỷ lệ kết quả trả qua bưu chính', f.post.resultsByPost, null],
    ['Tỷ lệ kết quả bưu chính đã phát', f.post.resultsDeliveredByPost, null],
    ['Kết quả gửi qua bưu chính', null, f.post.resultsSent, f.links?.['resultsSentByPost']],
    ['Kết quả bưu chính đã phát cho công dân', null, f.post.resultsDelivered, f.links?.['resultsDeliveredByPost']],
    ['Kết quả bưu chính chuyển trả cơ quan (không phát được)', null, f.post.resultsReturnedToAgency, f.links?.['resultsReturnedToAgencyByPost']],
    ['Kết quả đã cấp', null, f.results.issued, f.links?.['resultsIssued']],
    ['Tỷ lệ kết quả cấp bản điện tử', f.results.electronic, null],
    ['Lượt đánh giá', null, f.satisfaction.ratings, f.links?.['ratings']],
    ['Điểm đánh giá trung bình (thang 1-5)', f.satisfaction.averageScore, null],
    ['Tỷ lệ hài lòng (4-5 điểm)', f.satisfaction.satisfied, null],
    ['Phản ánh, kiến nghị tiếp nhận', null, f.complaints.filed],
    ['Phản ánh, kiến nghị đã trả lời', null, f.complaints.answered],
    ['Tỷ lệ phản ánh, kiến nghị / hồ sơ tiếp nhận', f.complaints.perDossierReceived, null],
  ];
}

const LINE_COLUMNS: ExportColumn[] = [
  { header: 'Chỉ tiêu', kind: 'text' },
  { header: 'Số lượng', kind: 'count' },
  { header: 'Tử số', kind: 'count' },
  { header: 'Mẫu số', kind: 'count' },
  { header: 'Tỷ lệ', kind: 'decimal' },
];

const lineCells = ([label, r, count, link]: [string, Ratio | null, number | null, string?]): Cell[] => [label, count === null ? null : linked(count, link), r?.numerator ?? null, r?.denominator ?? null, r?.ratio ?? null];

export function indicatorsExport(report: IndicatorsReport): ExportDocument {
  const totalSheet = { name: 'Chỉ tiêu', columns: LINE_COLUMNS, rows: indicatorLines(report.total).map(lineCells) };
  const sheets = [totalSheet];
  if (report.groupBy) {
    const labels = indicatorLines(report.total).map(([label]) => label);
    const columns: ExportColumn[] = [{ header: GROUP_HEADERS[report.groupBy], kind: 'text' }, ...labels.map((label): ExportColumn => ({ header: label, kind: 'decimal' }))];
    const value = ([, r, count, link]: [string, Ratio | null, number | null, string?]): Cell => (r ? r.ratio : count === null ? null : linked(count, link));
    sheets.unshift({ name: 'Theo nhóm', columns, rows: report.rows.map((row) => [row.key, ...indicatorLines(row).map(value)]) });
  }
  return {
    fileName: fileName('chi-tieu-phuc-vu', report.period),
    formNumber: 'CT-01',
    title: 'Tỷ lệ hồ sơ trực tuyến, "4 tại chỗ", bưu chính công ích, mức độ hài lòng và phản ánh, kiến nghị',
    sheets,
    about: reportAbout(report.period, report.scope, ['Tỷ lệ = tử số ÷ mẫu số, không làm tròn (định dạng hiển thị phần trăm khi cần).']),
  };
}

export function onlineServicesExport(report: OnlineServicesReport): ExportDocument {
  const s = report.shares;
  const lines: Array<[string, Ratio | null, number | null]> = [
    ['TTHC đang có hiệu lực', null, report.procedures],
    ...s.byLevel.map((l): [string, Ratio, null] => [`Mức độ ${l.level}`, l, null]),
    ['DVC trực tuyến (mức độ 3, 4)', s.onlineServices, null],
    ['DVC trực tuyến toàn trình', s.fullOnline, null],
    ['DVC trực tuyến một phần', s.partialOnline, null],
    ['Toàn trình / DVC trực tuyến', s.fullAmongOnlineServices, null],
    ['Mức độ 4 / DVC trực tuyến', s.level4AmongOnlineServices, null],
    ['Tích hợp trên Cổng DVC quốc gia', s.integratedNationalPortal, null],
    ['Đủ điều kiện "4 tại chỗ"', s.onTheSpotEligible, null],
    ['DVC trực tuyến có phát sinh hồ sơ trực tuyến trong kỳ', report.onlineServicesWithOnlineDossier, null],
  ];
  return {
    fileName: fileName('dich-vu-cong-truc-tuyen', report.period),
    formNumber: 'DVC-01',
    title: 'Thống kê dịch vụ công trực tuyến',
    sheets: [{ name: 'DVC trực tuyến', columns: LINE_COLUMNS, rows: lines.map(lineCells) }],
    about: reportAbout(report.period, report.scope, [`Danh mục TTHC có hiệu lực ngày ${report.catalogDate}.`]),
  };
}

export function serviceIndexExport(report: ServiceIndexReport): ExportDocument {
  const columns: ExportColumn[] = [
    { header: 'Nhóm', kind: 'text' },
    { header: 'Thành phần', kind: 'text' },
    { header: 'Điểm tối đa', kind: 'decimal' },
    { header: 'Ngưỡng đạt điểm tối đa', kind: 'share' },
    ...shareColumns('Số liệu'),
    { header: 'Giá trị', kind: 'share' },
    { header: 'Điểm đạt', kind: 'decimal' },
    { header: 'Ghi chú', kind: 'text' },
  ];
  const rows: Cell[][] = report.components.map((c) => [
    c.group,
    c.name,
    c.maxPoints,
    c.fullMarksAt,
    ...shareCells(c.measure),
    c.value,
    c.points,
    c.reason ?? (c.parts ? `Quá hạn ${c.parts.overdue.numerator}/${c.parts.overdue.denominator}; phản ánh ${c.parts.complained.numerator}/${c.parts.complained.denominator}` : c.formula),
    ...(report.previous ? [c.change?.value ?? null, c.change?.points ?? null] : []),
  ]);
  if (report.previous) columns.push({ header: `Thay đổi giá trị so với ${report.previous.period.label}`, kind: 'share' }, { header: `Thay đổi điểm so với ${report.previous.period.label}`, kind: 'decimal' });
  rows.push([
    'Tổng',
    'Chỉ số phục vụ (điểm đạt / điểm của các thành phần đo được / tổng điểm)',
    report.maxPoints,
    null,
    null,
    report.measuredMaxPoints,
    null,
    null,
    report.points,
    `Thành phần đo được: ${report.measuredMaxPoints} điểm`,
    ...(report.previous ? [null, report.pointsChange ?? null] : []),
  ]);
  return {
    fileName: fileName('chi-so-phuc-vu-766', report.period),
    formNumber: '766',
    title: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)',
    sheets: [{ name: 'Chỉ số 766', columns, rows }],
    about: reportAbout(report.period, report.scope, ['Điểm đạt = điểm tối đa × min(1, giá trị ÷ ngưỡng). Thành phần chưa có dữ liệu để trống, kèm lý do.']),
  };
}

export function targetsExport(report: TargetsReport): ExportDocument {
  const columns: ExportColumn[] = [
    { header: 'Chỉ tiêu', kind: 'text' },
    { header: 'Mục tiêu', kind: 'share' },
    { header: 'Năm đặt mục tiêu', kind: 'count' },
    { header: 'Phạm vi mục tiêu', kind: 'text' },
    ...shareColumns('Thực hiện'),
    { header: 'Đạt', kind: 'text' },
    { header: 'Chênh lệch', kind: 'share' },
  ];
  const rows: Cell[][] = report.items.map((i) => [
    i.name,
    i.target?.value ?? null,
    i.target?.setForYear ?? null,
    i.target ? (i.target.agencyCode ?? 'Toàn tỉnh') : null,
    ...shareCells(i.actual),
    i.met === null ? null : i.met ? 'Đạt' : 'Chưa đạt',
    i.gap,
  ]);
  return {
    fileName: fileName('muc-tieu', report.period),
    formNumber: 'MT-01',
    title: `Kết quả thực hiện so với mục tiêu năm ${report.year}`,
    sheets: [{ name: 'Mục tiêu', columns, rows }],
    about: reportAbout(report.period, report.scope, report.items.map((i) => `${i.name}: ${i.formula}`)),
  };
}

export function digitisationExport(report: DigitisationReport): ExportDocument {
  const columns: ExportColumn[] = [
    { header: 'Đơn vị / nhóm', kind: 'text' },
    { header: 'Kết quả đã trả', kind: 'count' },
    ...shareColumns('Kết quả cấp bản điện tử'),
    { header: 'Thành phần hồ sơ được số hóa', kind: 'count' },
    { header: 'Thành phần hồ sơ được tái sử dụng', kind: 'count' },
    ...shareColumns('Hồ sơ có thành phần số hóa, tái sử dụng'),
  ];
  const line = (label: string, f: DigitisationFigures): Cell[] => [label, f.resultsIssued, ...shareCells(f.resultsElectronic), f.documentsDigitised, f.documentsReused, ...shareCells(f.dossiersDigitised)];
  return {
    fileName: fileName('so-hoa', report.period),
    formNumber: 'SH-01',
    title: 'Số hóa kết quả và hồ sơ (Quyết định 766/QĐ-TTg)',
    sheets: [{ name: 'Số hóa', columns, rows: [...report.rows.map((r) => line(r.key ?? '', r)), line('Tổng số', report.total)] }],
    about: reportAbout(report.period, report.scope, [
      'Kết quả cấp bản điện tử: kết quả do cơ quan ký số ÷ kết quả đã trả trong kỳ',
      'Hồ sơ có thành phần số hóa, tái sử dụng: hồ sơ tiếp nhận trong kỳ có thành phần được số hóa hoặc lấy từ kho dữ liệu ÷ hồ sơ tiếp nhận trong kỳ',
    ]),
  };
}
