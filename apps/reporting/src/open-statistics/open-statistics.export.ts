import type { OpenShare } from './open-statistics.dto.js';
import type { ExportDocument } from '../exports/export-document.js';
import type { OpenStatistics } from './open-statistics.dto.js';

const ratioOf = (share: OpenShare | null) => share?.ratio ?? null;

/** The CSV of the open statistics: one line per month and agency, suppressed cells empty. */
export function openStatisticsExport(s: OpenStatistics): ExportDocument {
  return {
    fileName: `thong-ke-cong-khai-${s.year}`,
    title: `Thống kê công khai kết quả giải quyết TTHC năm ${s.year}`,
    sheets: [
      {
        name: 'Thống kê công khai',
        columns: [
          { header: 'Tháng', kind: 'text' },
          { header: 'Cơ quan giải quyết', kind: 'text' },
          { header: 'Hồ sơ tiếp nhận', kind: 'count' },
          { header: 'Đã giải quyết', kind: 'count' },
          { header: 'Giải quyết trước hạn, đúng hạn', kind: 'count' },
          { header: 'Tỷ lệ hồ sơ trực tuyến', kind: 'share' },
          { header: 'Tỷ lệ giải quyết "4 tại chỗ"', kind: 'share' },
          { header: 'Tỷ lệ hài lòng', kind: 'share' },
        ],
        rows: s.rows.map((r) => [r.month, r.agencyCode ?? 'Toàn tỉnh', r.received, r.finished, r.finishedOnTime, ratioOf(r.onlineShare), ratioOf(r.onTheSpotShare), ratioOf(r.satisfaction)]),
      },
    ],
    about: [
      ['Số liệu tính đến (đầu ngày)', s.asOf],
      ['Ô để trống', `Số từ 1 đến ${s.minimumCount - 1} (và tỷ lệ để lộ số đó) không công bố, để không nhận diện được cá nhân`],
    ],
  };
}
