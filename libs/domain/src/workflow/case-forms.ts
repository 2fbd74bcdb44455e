/**
 * The data contract of workflow's `GET /internal/cases/{code}/forms-data`: what workflow knows for
 * the official forms of a case (02 to 06), with units and officers by name, for intake, which
 * prints them for the officers and for the applicant with the lookup code. Instants are RFC 3339
 * strings in Vietnam time (`2026-03-16T10:00:00+07:00`, as `formatLocal` writes them).
 */

/** An agency as the header of a form names it: the unit, under its superior authority. */
export interface FormAgency {
  code: string;
  name: string;
  /** The superior authority (e.g. 'UBND tỉnh Hà Nam'), printed above the unit; null when unknown or at the top. */
  parentName: string | null;
  /** The place printed before the date ('Hà Nam'), when the agency's tree names a province. */
  place: string | null;
}

/** One hand-over: who gave (unit and officer), who received, when, and what came of it. */
export interface ControlSheetFormEntry {
  at: string;
  action: string;
  fromUnit: string | null;
  fromUnitName: string | null;
  fromOfficer: string | null;
  fromOfficerName: string | null;
  toUnit: string | null;
  toUnitName: string | null;
  toOfficer: string | null;
  toOfficerName: string | null;
  result: string;
  note: string | null;
}

/** Form 02's data: one supplement request, by whom and which unit, and when it was answered. */
export interface CaseSupplementRequest {
  requestedAt: string;
  requestedBy: string;
  requestedByName: string | null;
  agency: FormAgency;
  documents: Array<{ name: string; note: string | null }>;
  note: string | null;
  answeredAt: string | null;
}

/** Forms 03 and 05: the case refused or stopped, by whom, at which unit, and why. */
export interface CaseDecision {
  at: string;
  by: string;
  byName: string | null;
  agency: FormAgency;
  reason: string;
}

/** Form 04: the apology of the late unit and the new appointment. */
export interface CaseApology {
  issuedAt: string;
  issuedBy: string;
  issuedByName: string | null;
  agency: FormAgency;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
}

/** One row of form 06, numbered from 1. */
export interface CaseHandover extends ControlSheetFormEntry {
  position: number;
}

/** Form 06: every hand-over of the dossier, in order (workflow's `/cases/{code}/control-sheet`). */
export interface CaseControlSheet {
  form: string;
  dossierCode: string;
  procedureName: string;
  /** The receiving agency, whose one-stop desk keeps the sheet. */
  agency: FormAgency;
  /** The competent agency that decides, when known. */
  competentAgencyName: string | null;
  entries: CaseHandover[];
}

/** The forms of a case; a form not issued is null (or, for 02, an empty list). */
export interface CaseFormsData {
  dossierCode: string;
  state: string;
  supplementRequests: CaseSupplementRequest[];
  refusal: CaseDecision | null;
  apology: CaseApology | null;
  stop: CaseDecision | null;
  controlSheet: CaseControlSheet;
}
