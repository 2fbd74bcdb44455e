/**
 * What a province sets targets on, each a share (0-1) that should be at least the target.
 * Targets are data (reporting's `targets` table, per year and scope); the defaults are Hải
 * Phòng's for 2022 (seed 004) and hold for later years until replaced.
 */
export const TARGET_METRICS = [
  'level4AmongOnlineServices',
  'onlineServicesWithOnlineDossier',
  'dossiersOnline',
  'proceduresOnline',
  'integratedNationalPortal',
  'finishedOnTime',
  'ratingsSatisfied',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_METRIC_DEFINITIONS: Record<TargetMetric, { name: string; formula: string }> = {
  level4AmongOnlineServices: {
    name: 'TTHC đủ điều kiện cung cấp DVC trực tuyến mức độ 4',
    formula:
      'procedures in force at level 4 ÷ procedures in force offered online (levels 3-4). The catalog does not record which procedures qualify for level 4, so every online service counts as eligible.',
  },
  onlineServicesWithOnlineDossier: {
    name: 'DVC trực tuyến mức độ 3, 4 có phát sinh hồ sơ trực tuyến',
    formula: 'online services (levels 3-4) in force at the end of the period with at least one dossier received online in the period ÷ online services in force',
  },
  dossiersOnline: {
    name: 'Hồ sơ nộp trực tuyến',
    formula: 'dossiers received online in the period ÷ dossiers received in the period',
  },
  proceduresOnline: {
    name: 'TTHC cung cấp DVC trực tuyến (mức độ 3, 4)',
    formula: 'procedures in force offered online (levels 3-4) ÷ procedures in force',
  },
  integratedNationalPortal: {
    name: 'TTHC tích hợp trên Cổng Dịch vụ công quốc gia',
    formula: 'procedures in force integrated on the national portal ÷ procedures in force',
  },
  finishedOnTime: {
    name: 'Hồ sơ giải quyết trước hạn, đúng hạn',
    formula: '(finished early + finished on time) ÷ finished, in the period',
  },
  ratingsSatisfied: {
    name: 'Đánh giá hài lòng',
    formula: 'ratings of 4 or 5 ÷ ratings, in the period',
  },
};

export interface TargetSetting {
  year: number;
  /** An agency code, or null for the whole province. */
  agencyCode: string | null;
  metric: TargetMetric;
  /** The share to reach, 0-1. */
  value: number;
}

/** Hải Phòng 2022 (seed 004): 100% of eligible procedures at level 4; 80% of level 3-4 services with an online dossier; 60% of dossiers online. */
export const DEFAULT_TARGETS: readonly TargetSetting[] = [
  { year: 2022, agencyCode: null, metric: 'level4AmongOnlineServices', value: 1 },
  { year: 2022, agencyCode: null, metric: 'onlineServicesWithOnlineDossier', value: 0.8 },
  { year: 2022, agencyCode: null, metric: 'dossiersOnline', value: 0.6 },
];

/**
 * The target in force for a year and scope: the latest year not after it, the agency's own
 * before the province's.
 */
export function targetInForce(settings: readonly TargetSetting[], metric: TargetMetric, year: number, agencyCode: string | null): TargetSetting | undefined {
  const candidates = settings.filter((s) => s.metric === metric && s.year <= year && (s.agencyCode === null || s.agencyCode === agencyCode));
  candidates.sort((a, b) => (a.agencyCode === b.agencyCode ? b.year - a.year : a.agencyCode === null ? 1 : -1));
  return candidates[0];
}
