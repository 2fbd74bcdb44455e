import type { ProcedureInForce } from '../online-services/procedure-versions.repository.js';

/**
 * The online-service statistics' columns, each as the condition that puts a procedure in force
 * in it: the figures count the procedures that meet it (catalogFigures) and the lists show them,
 * so a list is as long as its figure.
 */
export interface ProcedureColumn {
  key: string;
  label: string;
  /** `used`: the procedures that received an online dossier in the period (report readers only). */
  holds: (p: ProcedureInForce, used?: ReadonlySet<string>) => boolean;
  /** Only for report readers (it says how the services were used). */
  readersOnly?: boolean;
}

export const PROCEDURE_COLUMNS: readonly ProcedureColumn[] = [
  { key: 'inForce', label: 'TTHC đang có hiệu lực', holds: () => true },
  ...[1, 2, 3, 4].map((level): ProcedureColumn => ({ key: `level${level}`, label: `Mức độ ${level}`, holds: (p) => p.onlineLevel === level })),
  { key: 'online', label: 'DVC trực tuyến (mức độ 3, 4)', holds: (p) => p.onlineLevel >= 3 },
  { key: 'fullOnline', label: 'DVC trực tuyến toàn trình', holds: (p) => p.onlineMode === 'full' },
  { key: 'partialOnline', label: 'DVC trực tuyến một phần', holds: (p) => p.onlineMode === 'partial' },
  { key: 'integrated', label: 'Tích hợp trên Cổng DVC quốc gia', holds: (p) => p.integratedNationalPortal },
  { key: 'onTheSpotEligible', label: 'Đủ điều kiện "4 tại chỗ"', holds: (p) => p.onTheSpotEligible },
  {
    key: 'onlineWithOnlineDossier',
    label: 'DVC trực tuyến có phát sinh hồ sơ trực tuyến trong kỳ',
    holds: (p, used) => p.onlineLevel >= 3 && (used?.has(p.code) ?? false),
    readersOnly: true,
  },
];

export const procedureColumn = (key: string) => PROCEDURE_COLUMNS.find((c) => c.key === key);

/** How many procedures a column counts. */
export const countOf = (key: string, procedures: readonly ProcedureInForce[], used?: ReadonlySet<string>) => procedures.filter((p) => procedureColumn(key)!.holds(p, used)).length;
