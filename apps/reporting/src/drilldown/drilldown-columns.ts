import type { DossierMeasure } from '@onestop/domain';

/**
 * The columns of the reports whose figures count dossiers, each as the condition on reporting's
 * facts (`dossier_facts`) that puts a dossier in it. The figures come from the roll-ups, which
 * are the sums of the same facts' contributions (added in the transaction that changes a fact),
 * so the list of a cell is as long as its figure: a flow counts a dossier on the local day of
 * one of its instants (received, closed, result ready, rated, ...), which the fact keeps as a
 * column; a stock ("open at local midnight X") counts a dossier received before X and not
 * closed before X, and its state at X (within time, overdue, waiting for a supplement) is the
 * sum of its contributions before X, read from the fact's own `applied` list.
 */

/** The fact's instant a column orders its list by (newest first) and narrows on with an index. */
export type Anchor = 'received_at' | 'closed_at' | 'result_ready_at' | 'rated_at' | 'sent_by_post_at' | 'delivered_by_post_at' | 'returned_to_agency_by_post_at';

/** SQL placeholders of a cell's bounds: local midnights of the period's first day and of `asOf` (excluded), as instants and as days. */
export interface CellBounds {
  from: string;
  end: string;
  fromDay: string;
  endDay: string;
}

/** Why a dossier is in a column, as the list explains it. */
export type ReasonKind =
  | 'received'
  | 'carriedOver'
  | 'handled'
  | 'finished'
  | 'closed'
  | 'inProgress'
  | 'supplementRequested'
  | 'result'
  | 'postal'
  | 'rating'
  | 'judged'
  | 'onTimeOrWithinTime'
  | 'lateOrOverdue';

export interface DrilldownColumn {
  key: string;
  /** The column's name on the national form or the report (Vietnamese), for the export and the OpenAPI description. */
  label: string;
  anchor: Anchor;
  where: (b: CellBounds) => string;
  reason: ReasonKind;
  /** For stocks: the instant the state is read at. */
  at?: 'from' | 'end';
}

const inPeriod = (column: Anchor, b: CellBounds) => `${column} >= ${b.from} AND ${column} < ${b.end}`;
/** Received before X and not closed before it (closed at X or later, or still open). */
const openAt = (x: string) => `received_at < ${x} AND (closed_at IS NULL OR closed_at >= ${x})`;
const stock = (measure: DossierMeasure, day: string) =>
  `(SELECT COALESCE(sum((c->>2)::int), 0) FROM jsonb_array_elements(applied) c WHERE c->>1 = '${measure}' AND c->>0 < ${day}) > 0`;
const flow = (measure: DossierMeasure, b: CellBounds) =>
  `EXISTS (SELECT 1 FROM jsonb_array_elements(applied) c WHERE c->>1 = '${measure}' AND c->>0 >= ${b.fromDay} AND c->>0 < ${b.endDay})`;
const finishedIn = (b: CellBounds, cls?: 'early' | 'on_time' | 'late') => `${inPeriod('closed_at', b)} AND state = 'finished'${cls ? ` AND finish_class = '${cls}'` : ''}`;
const counted = `received_at IS NOT NULL`;

const column = (key: string, label: string, anchor: Anchor, reason: ReasonKind, where: (b: CellBounds) => string, at?: 'from' | 'end'): DrilldownColumn => ({ key, label, anchor, reason, where, ...(at ? { at } : {}) });

const received = column('received', 'Mới tiếp nhận', 'received_at', 'received', (b) => inPeriod('received_at', b));
const channel = (key: string, label: string, name: string) => column(key, label, 'received_at', 'received', (b) => `${inPeriod('received_at', b)} AND channel = '${name}'`);
const receivedOnline = channel('receivedOnline', 'Mới tiếp nhận trực tuyến', 'online');
const receivedCounter = channel('receivedCounter', 'Mới tiếp nhận trực tiếp', 'counter');
const receivedPost = channel('receivedPost', 'Mới tiếp nhận qua bưu chính công ích', 'post');
const finishedEarly = column('finishedEarly', 'Đã giải quyết trước hạn', 'closed_at', 'finished', (b) => finishedIn(b, 'early'));
const finishedOnTime = column('finishedOnTime', 'Đã giải quyết đúng hạn', 'closed_at', 'finished', (b) => finishedIn(b, 'on_time'));
const finishedLate = column('finishedLate', 'Đã giải quyết quá hạn', 'closed_at', 'finished', (b) => finishedIn(b, 'late'));
const inProgress = column('inProgress', 'Đang giải quyết', 'received_at', 'inProgress', (b) => openAt(b.end), 'end');
const openIn = (key: string, label: string, measure: DossierMeasure) => column(key, label, 'received_at', 'inProgress', (b) => `${openAt(b.end)} AND ${stock(measure, b.endDay)}`, 'end');
const inProgressWithinTime = openIn('inProgressWithinTime', 'Đang giải quyết trong hạn', 'open_within_time');
const inProgressOverdue = openIn('inProgressOverdue', 'Đang giải quyết quá hạn', 'open_overdue');
const awaitingSupplement = openIn('awaitingSupplement', 'Đang chờ bổ sung', 'open_awaiting_supplement');
const closedAs = (key: string, label: string, state: string) => column(key, label, 'closed_at', 'closed', (b) => `${inPeriod('closed_at', b)} AND state = '${state}'`);
const resultsIssued = column('resultsIssued', 'Kết quả đã cấp', 'result_ready_at', 'result', (b) => `${counted} AND ${inPeriod('result_ready_at', b)}`);
const resultsElectronic = column('resultsElectronic', 'Kết quả cấp bản điện tử', 'result_ready_at', 'result', (b) => `${counted} AND ${inPeriod('result_ready_at', b)} AND result_kind = 'electronic'`);

/** Form II.06a. */
export const BALANCE_COLUMNS: readonly DrilldownColumn[] = [
  column('handled', 'Tổng số hồ sơ nhận giải quyết', 'received_at', 'handled', (b) => `received_at < ${b.end} AND (received_at >= ${b.from} OR closed_at IS NULL OR closed_at >= ${b.from})`),
  column('carriedOver', 'Từ kỳ trước chuyển sang', 'received_at', 'carriedOver', (b) => openAt(b.from), 'from'),
  received,
  receivedOnline,
  receivedCounter,
  receivedPost,
  column('finished', 'Đã giải quyết', 'closed_at', 'finished', (b) => finishedIn(b)),
  finishedEarly,
  finishedOnTime,
  finishedLate,
  inProgress,
  inProgressWithinTime,
  inProgressOverdue,
  awaitingSupplement,
  closedAs('refused', 'Từ chối giải quyết', 'refused'),
  closedAs('stopped', 'Dừng xử lý', 'stopped'),
  closedAs('withdrawn', 'Công dân rút hồ sơ', 'withdrawn'),
  column('supplementRequested', 'Yêu cầu bổ sung trong kỳ', 'received_at', 'supplementRequested', (b) => `received_at < ${b.end} AND ${flow('supplement_requested', b)}`),
];

/** The indicators' counts of dossiers. */
export const INDICATOR_COLUMNS: readonly DrilldownColumn[] = [
  received,
  receivedOnline,
  receivedCounter,
  receivedPost,
  column('onTheSpotEligible', 'Hồ sơ đủ điều kiện "4 tại chỗ" tiếp nhận trực tiếp', 'received_at', 'received', (b) => `${inPeriod('received_at', b)} AND on_the_spot`),
  column('handledOnTheSpot', 'Hồ sơ giải quyết "4 tại chỗ"', 'closed_at', 'finished', (b) => `${finishedIn(b)} AND on_the_spot AND ${flow('handled_on_the_spot', b)}`),
  resultsIssued,
  resultsElectronic,
  column('resultsByPost', 'Kết quả trả qua bưu chính', 'result_ready_at', 'result', (b) => `${counted} AND ${inPeriod('result_ready_at', b)} AND result_delivery_method = 'post'`),
  column('resultsSentByPost', 'Kết quả gửi qua bưu chính', 'sent_by_post_at', 'postal', (b) => `${counted} AND ${inPeriod('sent_by_post_at', b)}`),
  column('resultsDeliveredByPost', 'Kết quả bưu chính đã phát cho công dân', 'delivered_by_post_at', 'postal', (b) => `${counted} AND ${inPeriod('delivered_by_post_at', b)}`),
  column('resultsReturnedToAgencyByPost', 'Kết quả bưu chính chuyển trả cơ quan', 'returned_to_agency_by_post_at', 'postal', (b) => `${counted} AND ${inPeriod('returned_to_agency_by_post_at', b)}`),
  column('ratings', 'Lượt đánh giá', 'rated_at', 'rating', (b) => `${counted} AND ${inPeriod('rated_at', b)}`),
  column('ratingsSatisfied', 'Đánh giá hài lòng (4-5 điểm)', 'rated_at', 'rating', (b) => `${counted} AND ${inPeriod('rated_at', b)} AND rating_score >= 4`),
];

/**
 * The service index's dossier figures: finished in the period or open at its end (the
 * progress component's denominator), of them the early, on-time and within-time ones (its
 * numerator; waiting for a supplement counts as within time), and the late and overdue ones
 * (the satisfaction component's overdue share).
 */
export const SERVICE_INDEX_COLUMNS: readonly DrilldownColumn[] = [
  received,
  receivedOnline,
  column('judged', 'Đã giải quyết trong kỳ và đang giải quyết cuối kỳ', 'received_at', 'judged', (b) => `(${finishedIn(b)}) OR (${openAt(b.end)})`, 'end'),
  column(
    'onTimeOrWithinTime',
    'Giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn',
    'received_at',
    'onTimeOrWithinTime',
    (b) => `(${finishedIn(b)} AND finish_class <> 'late') OR (${openAt(b.end)} AND NOT ${stock('open_overdue', b.endDay)})`,
    'end',
  ),
  column('lateOrOverdue', 'Giải quyết quá hạn và đang giải quyết quá hạn', 'received_at', 'lateOrOverdue', (b) => `(${finishedIn(b, 'late')}) OR (${openAt(b.end)} AND ${stock('open_overdue', b.endDay)})`, 'end'),
  resultsIssued,
  resultsElectronic,
];

export const DRILLDOWN_REPORTS = {
  'dossier-balance': BALANCE_COLUMNS,
  indicators: INDICATOR_COLUMNS,
  'service-index': SERVICE_INDEX_COLUMNS,
} as const;
export type DrilldownReport = keyof typeof DRILLDOWN_REPORTS;

export const columnKeys = (report: DrilldownReport): string[] => DRILLDOWN_REPORTS[report].map((c) => c.key);

export function drilldownColumn(report: DrilldownReport, key: string): DrilldownColumn | undefined {
  return DRILLDOWN_REPORTS[report].find((c) => c.key === key);
}
