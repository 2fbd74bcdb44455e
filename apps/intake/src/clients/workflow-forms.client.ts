import { Injectable, Logger } from '@nestjs/common';
import { type ControlSheetFormData, type ControlSheetFormEntry, type FormAgency, ProblemException, ServiceClient } from '@onestop/platform';

/** Form 02's data as workflow keeps it: one supplement request. */
export interface CaseSupplementRequest {
  requestedAt: string;
  requestedBy: string;
  requestedByName: string | null;
  agency: FormAgency;
  documents: Array<{ name: string; note: string | null }>;
  note: string | null;
  answeredAt: string | null;
}

/** Forms 03 and 05: a refusal or a stop. */
export interface CaseDecision {
  at: string;
  by: string;
  byName: string | null;
  agency: FormAgency;
  reason: string;
}

export interface CaseApology {
  issuedAt: string;
  issuedBy: string;
  issuedByName: string | null;
  agency: FormAgency;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
}

/** Workflow's `GET /internal/cases/{code}/forms-data`. */
export interface CaseFormsData {
  dossierCode: string;
  state: string;
  supplementRequests: CaseSupplementRequest[];
  refusal: CaseDecision | null;
  apology: CaseApology | null;
  stop: CaseDecision | null;
  controlSheet: CaseControlSheet;
}

export type CaseHandover = ControlSheetFormEntry & { position: number };

/** Form 06 as workflow gives it (its `/cases/{code}/control-sheet`). */
export interface CaseControlSheet extends Omit<ControlSheetFormData, 'applicantName' | 'entries'> {
  form: string;
  entries: CaseHandover[];
}

/** Reads from workflow, the owner of a case, what the forms it issued say. */
@Injectable()
export class WorkflowFormsClient {
  private readonly logger = new Logger('WorkflowForms');

  constructor(private readonly client: ServiceClient) {}

  /** Null while the dossier's case is not open (a moment after receipt); 503 when workflow cannot answer. */
  async formsData(dossierCode: string): Promise<CaseFormsData | null> {
    const response = await this.client
      .request<CaseFormsData>('workflow', { path: `/internal/cases/${encodeURIComponent(dossierCode)}/forms-data` })
      .catch((error: unknown) => {
        this.logger.warn(`forms of ${dossierCode} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
    if (response?.status === 200) return response.body;
    if (response?.status === 404) return null;
    if (response) this.logger.warn(`workflow answered ${response.status} for the forms of ${dossierCode}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'Processing could not give the form\'s data; try again shortly.');
  }
}
