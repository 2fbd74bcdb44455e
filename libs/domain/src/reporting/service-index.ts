import { type Ratio, ratio } from './ratio.js';

/**
 * The service index of Decision 766/QĐ-TTg (2022): 100 points in five groups. Each component
 * here is one figure the system can (or cannot yet) measure; its points and the share that earns
 * full marks are configuration (reporting's `service_index_components` table), seeded with the
 * defaults below. Points earned = points × min(1, value ÷ fullMarksAt).
 */
export const SERVICE_INDEX_GROUPS = ['publicity', 'progress', 'online', 'digitisation', 'satisfaction'] as const;
export type ServiceIndexGroup = (typeof SERVICE_INDEX_GROUPS)[number];

export interface ServiceIndexComponentDefinition {
  key: string;
  group: ServiceIndexGroup;
  /** Vietnamese name, as reports print it. */
  name: string;
  /** How the value is computed, in words (the OpenAPI description and the export's notes). */
  formula: string;
  defaultPoints: number;
  defaultFullMarksAt: number;
}

export const SERVICE_INDEX_COMPONENTS: readonly ServiceIndexComponentDefinition[] = [
  {
    key: 'publicity.nationalPortal',
    group: 'publicity',
    name: 'Công khai, minh bạch: TTHC tích hợp, đồng bộ trên Cổng Dịch vụ công quốc gia',
    formula:
      'procedures in force at the end of the period integrated on the national portal ÷ procedures in force; once the national portal connector has synchronised a dossier of the period and scope, the mean of that share and the share of dossiers received in the period that the portal has taken (`synchronisation`)',
    defaultPoints: 18,
    defaultFullMarksAt: 1,
  },
  {
    key: 'progress.onTime',
    group: 'progress',
    name: 'Tiến độ giải quyết: hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn',
    formula:
      '(finished early + finished on time in the period + in progress within time or awaiting a supplement at its end) ÷ (finished in the period + in progress at its end); time waiting for a supplement does not count, since the due date moves out by it',
    defaultPoints: 20,
    defaultFullMarksAt: 1,
  },
  {
    key: 'online.proceduresOnline',
    group: 'online',
    name: 'Dịch vụ trực tuyến: tỷ lệ TTHC cung cấp dịch vụ công trực tuyến',
    formula: 'procedures in force offered online (level 3-4: full or partial online) ÷ procedures in force',
    defaultPoints: 8,
    defaultFullMarksAt: 0.8,
  },
  {
    key: 'online.dossiersOnline',
    group: 'online',
    name: 'Dịch vụ trực tuyến: tỷ lệ hồ sơ nộp trực tuyến',
    formula: 'dossiers received online in the period ÷ dossiers received in the period',
    defaultPoints: 8,
    defaultFullMarksAt: 0.5,
  },
  {
    key: 'online.payment',
    group: 'online',
    name: 'Dịch vụ trực tuyến: tỷ lệ hồ sơ thanh toán trực tuyến',
    formula: 'dossiers received in the period whose fees were paid online (payment FeePaid through the national payment platform, not refunded) ÷ dossiers received in the period with fees to pay (payment PaymentRequested)',
    defaultPoints: 6,
    defaultFullMarksAt: 0.8,
  },
  {
    key: 'digitisation.electronicResults',
    group: 'digitisation',
    name: 'Số hóa: tỷ lệ kết quả giải quyết cấp bản điện tử',
    formula: 'results issued electronically in the period ÷ results issued in the period (workflow ResultReady)',
    defaultPoints: 11,
    defaultFullMarksAt: 0.8,
  },
  {
    key: 'digitisation.documents',
    group: 'digitisation',
    name: 'Số hóa: tỷ lệ hồ sơ được số hóa, tái sử dụng',
    formula: 'dossiers received in the period with a document digitised at reception or reused from the applicant\'s store (intake DocumentDigitised, StoredDocumentReused) ÷ dossiers received in the period',
    defaultPoints: 11,
    defaultFullMarksAt: 0.8,
  },
  {
    key: 'satisfaction',
    group: 'satisfaction',
    name: 'Mức độ hài lòng: 100% − tỷ lệ hồ sơ quá hạn − tỷ lệ phản ánh, kiến nghị',
    formula:
      '1 − overdue share − complaint share; overdue share = (finished late + in progress overdue at the end) ÷ (finished + in progress at the end); complaint share = complaints filed in the period ÷ dossiers received in the period',
    defaultPoints: 18,
    defaultFullMarksAt: 0.9,
  },
];

export const SERVICE_INDEX_TOTAL_POINTS = 100;

export function serviceIndexComponent(key: string): ServiceIndexComponentDefinition | undefined {
  return SERVICE_INDEX_COMPONENTS.find((c) => c.key === key);
}

/** Components without facts in this system: no numbers invented, the reason says why. */
export const UNMEASURED_COMPONENTS: Readonly<Record<string, string>> = {
};

export interface ServiceIndexConfig {
  key: string;
  points: number;
  fullMarksAt: number;
}

/** The facts the index is computed from, all for one period and scope. */
export interface ServiceIndexInputs {
  proceduresInForce: number;
  proceduresIntegrated: number;
  proceduresOnline: number;
  received: number;
  receivedOnline: number;
  finishedEarly: number;
  finishedOnTime: number;
  finishedLate: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  awaitingSupplement: number;
  resultsIssued: number;
  resultsElectronic: number;
  /** Dossiers received in the period with a document digitised or reused from the applicant's store. */
  dossiersWithStoredDocuments: number;
  complaintsFiled: number;
  /** Dossiers received in the period with fees to pay (payment's PaymentRequested). */
  dossiersWithFees?: number;
  /** Of those, the dossiers whose fees were paid online (payment's FeePaid on the national payment platform, not refunded). */
  dossiersPaidOnline?: number;
  /** Dossiers received in the period that the national portal has taken (the connector's DossierSynchronised); absent or 0 while it synchronises none. */
  dossiersSynchronised?: number;
}

export interface ServiceIndexComponentResult {
  key: string;
  group: ServiceIndexGroup;
  name: string;
  formula: string;
  /** Points this component is worth, and the value that earns all of them. */
  maxPoints: number;
  fullMarksAt: number;
  /** The measured share (0-1), or null when not measured. */
  value: number | null;
  /** Points earned, or null when not measured. */
  points: number | null;
  /** The figure behind `value`: numerator and denominator (for a ratio component). */
  measure: Ratio | null;
  /** The parts of a composite value (satisfaction). */
  parts?: { overdue: Ratio; complained: Ratio };
  /** Publicity: dossiers received in the period that the national portal has taken ÷ dossiers received, once the connector synchronises. */
  synchronisation?: Ratio;
  /** Why there is no value. */
  reason?: string;
}

export interface ServiceIndexResult {
  components: ServiceIndexComponentResult[];
  /** Points earned by the measured components. */
  points: number;
  /** All the points of the index (100 with the default weights). */
  maxPoints: number;
  /** Points the measured components are worth: the index is out of this until every component is measured. */
  measuredMaxPoints: number;
}

function earned(value: number | null, points: number, fullMarksAt: number): number | null {
  if (value === null) return null;
  if (fullMarksAt <= 0) return points;
  return points * Math.min(1, Math.max(0, value) / fullMarksAt);
}

/** Computes every component with its configuration (a missing entry takes the defaults). */
export function computeServiceIndex(inputs: ServiceIndexInputs, config: readonly ServiceIndexConfig[]): ServiceIndexResult {
  const byKey = new Map(config.map((c) => [c.key, c]));
  const judged = inputs.finishedEarly + inputs.finishedOnTime + inputs.finishedLate + inputs.inProgressWithinTime + inputs.inProgressOverdue + inputs.awaitingSupplement;
  const measures: Record<string, { measure: Ratio | null; value: number | null; parts?: { overdue: Ratio; complained: Ratio }; synchronisation?: Ratio }> = {};
  const single = (r: Ratio) => ({ measure: r, value: r.ratio });
  const integrated = ratio(inputs.proceduresIntegrated, inputs.proceduresInForce);
  const synchronisation = inputs.dossiersSynchronised ? ratio(inputs.dossiersSynchronised, inputs.received) : null;
  measures['publicity.nationalPortal'] =
    synchronisation && integrated.ratio !== null && synchronisation.ratio !== null
      ? { measure: integrated, value: (integrated.ratio + synchronisation.ratio) / 2, synchronisation }
      : single(integrated);
  measures['progress.onTime'] = single(ratio(inputs.finishedEarly + inputs.finishedOnTime + inputs.inProgressWithinTime + inputs.awaitingSupplement, judged));
  measures['online.proceduresOnline'] = single(ratio(inputs.proceduresOnline, inputs.proceduresInForce));
  measures['online.dossiersOnline'] = single(ratio(inputs.receivedOnline, inputs.received));
  measures['digitisation.electronicResults'] = single(ratio(inputs.resultsElectronic, inputs.resultsIssued));
  measures['digitisation.documents'] = single(ratio(inputs.dossiersWithStoredDocuments, inputs.received));
  measures['online.payment'] = single(ratio(inputs.dossiersPaidOnline ?? 0, inputs.dossiersWithFees ?? 0));
  const overdue = ratio(inputs.finishedLate + inputs.inProgressOverdue, judged);
  const complained = ratio(inputs.complaintsFiled, inputs.received);
  measures.satisfaction = {
    measure: null,
    value: overdue.ratio === null && complained.ratio === null ? null : Math.max(0, 1 - (overdue.ratio ?? 0) - (complained.ratio ?? 0)),
    parts: { overdue, complained },
  };
  const components = SERVICE_INDEX_COMPONENTS.map((definition): ServiceIndexComponentResult => {
    const configured = byKey.get(definition.key);
    const maxPoints = configured?.points ?? definition.defaultPoints;
    const fullMarksAt = configured?.fullMarksAt ?? definition.defaultFullMarksAt;
    const base = { key: definition.key, group: definition.group, name: definition.name, formula: definition.formula, maxPoints, fullMarksAt };
    const unmeasured = UNMEASURED_COMPONENTS[definition.key];
    if (unmeasured) return { ...base, value: null, points: null, measure: null, reason: unmeasured };
    const m = measures[definition.key];
    const result: ServiceIndexComponentResult = { ...base, value: m.value, points: earned(m.value, maxPoints, fullMarksAt), measure: m.measure, ...(m.parts ? { parts: m.parts } : {}), ...(m.synchronisation ? { synchronisation: m.synchronisation } : {}) };
    if (m.value === null) result.reason = 'No dossiers or procedures in this period and scope to compute it from.';
    return result;
  });
  const measured = components.filter((c) => c.points !== null);
  return {
    components,
    points: measured.reduce((sum, c) => sum + (c.points ?? 0), 0),
    maxPoints: components.reduce((sum, c) => sum + c.maxPoints, 0),
    measuredMaxPoints: measured.reduce((sum, c) => sum + c.maxPoints, 0),
  };
}
