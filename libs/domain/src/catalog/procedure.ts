import type { OnlineLevel, OnlineMode } from './online-level.js';
import type { FeeDue, FeeKind } from '../payment/fees.js';

/** Agency identifier code of the QCVN 102:2016 form, e.g. `000.00.00.H56`, `000.17.22.H56`. */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** Working minutes in one working day (8 hours: 07:00-11:30 and 13:30-17:00 by default). */
export const MINUTES_PER_WORKING_DAY = 480;

export const PROCESSING_TIME_UNITS = ['working_days', 'working_hours'] as const;
export type ProcessingTimeUnit = (typeof PROCESSING_TIME_UNITS)[number];

/** Statutory processing time (thời hạn giải quyết). */
export interface ProcessingTime {
  value: number;
  unit: ProcessingTimeUnit;
}

/** Form in which a document is supplied: bản chính, bản sao chứng thực, bản sao. */
export const DOCUMENT_FORMS = ['original', 'certified_copy', 'copy'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** One entry of the required documents list (thành phần hồ sơ). */
export interface RequiredDocument {
  name: string;
  form: DocumentForm;
  quantity: number;
  required: boolean;
  /** Identifier or address of the e-form, when there is one. */
  eForm?: string;
}

/** One line of fees and charges (phí, lệ phí), in whole VND. */
export interface FeeLine {
  /**
   * The line's code (MaPhiLePhi on the national payment platform), unique within the version.
   * Catalog writes one on every version (`feeLinesOf`); absent only in content sent to it.
   */
  code?: string;
  name: string;
  /** Phí (`fee`) or lệ phí (`charge`); absent: read from the name (see `feeLinesOf`). */
  kind?: FeeKind;
  amountVnd: number;
  /** Paid with the submission (the default) or before the result is handed over. */
  due?: FeeDue;
  note?: string;
}

/** The steps of processing; the default chain is receive → appraise → approve → return. */
export const STEP_KINDS = ['receive', 'appraise', 'approve', 'return'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A step of the processing template: who handles it and its share of the time limit. */
export interface ProcessingStep {
  kind: StepKind;
  agencyCode: string;
  /** Share of the statutory time, in working minutes; the shares add up to the whole. */
  workingMinutes: number;
}

export interface ProcedureFlags {
  /** Eligible for "4 tại chỗ": received, appraised, approved and returned on the spot. */
  onTheSpotEligible: boolean;
  /** The dossier may be sent by public post (BCCI). */
  acceptsDossierByPost: boolean;
  /** The result may be delivered by public post. */
  deliversResultByPost: boolean;
  /** Listed for the agencies' online-only days (Hải Phòng pilot). */
  onlineOnlyListed: boolean;
  /** Integrated on the National Public Service Portal. */
  integratedNationalPortal: boolean;
  /**
   * Online dossiers are accepted on submission, without the one-stop desk's review (status 2
   * at once rather than 1). Absent: reviewed.
   */
  acceptsOnlineAutomatically?: boolean;
}

/** Everything a publishing decision says about a procedure (one version's content). */
export interface ProcedureContent extends ProcedureFlags {
  name: string;
  fieldCode: string;
  levelCode: string;
  competentAgencyCode: string;
  receivingAgencyCodes: string[];
  processingTime: ProcessingTime;
  fees: FeeLine[];
  documents: RequiredDocument[];
  onlineLevel: OnlineLevel;
  onlineMode: OnlineMode;
  steps: ProcessingStep[];
}

/** The publishing decision (quyết định công bố) behind a version. */
export interface PublishingDecision {
  number: string;
  /** Date the decision was signed, yyyy-MM-dd. */
  date: string;
  /** Date from which the version is in force, yyyy-MM-dd. */
  effectiveFrom: string;
}

export function processingMinutes(time: ProcessingTime): number {
  return Math.round(time.unit === 'working_days' ? time.value * MINUTES_PER_WORKING_DAY : time.value * 60);
}

/** Default shares of the time limit per step when a procedure gives no template. */
const DEFAULT_SHARES: Record<StepKind, number> = { receive: 0.05, appraise: 0.6, approve: 0.25, return: 0.1 };

/**
 * The default template: the first receiving agency receives and returns, the competent agency
 * appraises and approves; the remainder of rounding goes to appraisal.
 */
export function defaultSteps(total: number, receivingAgencyCode: string, competentAgencyCode: string): ProcessingStep[] {
  const steps: ProcessingStep[] = STEP_KINDS.map((kind) => ({
    kind,
    agencyCode: kind === 'receive' || kind === 'return' ? receivingAgencyCode : competentAgencyCode,
    workingMinutes: Math.floor(total * DEFAULT_SHARES[kind]),
  }));
  const assigned = steps.reduce((sum, step) => sum + step.workingMinutes, 0);
  steps[1].workingMinutes += total - assigned;
  return steps;
}

export interface RuleViolation {
  field: string;
  reason: string;
}

/** Business rules a procedure's content must satisfy beyond the shape of each field. */
export function procedureRuleViolations(content: Omit<ProcedureContent, 'steps'> & { steps?: ProcessingStep[] }): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const online = content.onlineLevel >= 3;
  if (online && content.onlineMode === 'none') {
    violations.push({ field: 'onlineMode', reason: 'a level 3 or 4 service is full or partial online, not none' });
  }
  if (!online && content.onlineMode !== 'none') {
    violations.push({ field: 'onlineMode', reason: 'a level 1 or 2 service cannot be full or partial online' });
  }
  if (content.onlineOnlyListed && !online) {
    violations.push({ field: 'onlineOnlyListed', reason: 'only a level 3 or 4 service can be on the online-only list' });
  }
  if (new Set(content.receivingAgencyCodes).size !== content.receivingAgencyCodes.length) {
    violations.push({ field: 'receivingAgencyCodes', reason: 'lists an agency twice' });
  }
  if (content.steps?.length) {
    const total = processingMinutes(content.processingTime);
    const sum = content.steps.reduce((acc, step) => acc + step.workingMinutes, 0);
    if (sum !== total) {
      violations.push({ field: 'steps', reason: `the steps' shares add up to ${sum} working minutes, not the ${total} of the processing time` });
    }
  }
  return violations;
}
