import type { OnlineLevel, OnlineMode } from '../catalog/online-level.js';
import type { ProcedureFlags, PublishingDecision } from '../catalog/procedure.js';

/** What subscribers learn of a procedure version (the full content stays in catalog). */
export interface ProcedureVersionSummaryV1 extends ProcedureFlags {
  code: string;
  versionNo: number;
  name: string;
  fieldCode: string;
  levelCode: string;
  competentAgencyCode: string;
  receivingAgencyCodes: string[];
  onlineLevel: OnlineLevel;
  onlineMode: OnlineMode;
  processingMinutes: number;
  decision: PublishingDecision;
}

/** A procedure was announced by a publishing decision (quyết định công bố). */
export type ProcedurePublishedV1 = ProcedureVersionSummaryV1;

/** A decision amended a procedure: a new version from its effective date. */
export type ProcedureAmendedV1 = ProcedureVersionSummaryV1;

/** A decision abolished a procedure: no dossiers accepted from its effective date. */
export interface ProcedureAbolishedV1 {
  code: string;
  versionNo: number;
  decision: PublishingDecision;
}
