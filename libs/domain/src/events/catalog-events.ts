import type { OnlineLevel, OnlineMode } from '../catalog/online-level.js';

/** A procedure was announced by a publishing decision (quyết định công bố). */
export interface ProcedurePublishedV1 {
  code: string;
  name: string;
  versionNo: number;
  onlineLevel: OnlineLevel;
  onlineMode: OnlineMode;
  integratedNationalPortal: boolean;
  /** ISO date (yyyy-MM-dd) from which the version is in force. */
  effectiveFrom: string;
}
