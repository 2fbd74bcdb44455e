import { Injectable, Logger } from '@nestjs/common';
import { formatLocal } from '@onestop/domain';
import {
  apologyForm,
  type Caller,
  controlSheetForm,
  type FormAgency,
  FormAgencies,
  type FormApplicant,
  type PrintableForm,
  type ProcessingFormDossier,
  ProblemException,
  receiptForm,
  refusalForm,
  renderFormPdf,
  stopNoticeForm,
  supplementRequestForm,
} from '@onestop/platform';
import { CatalogClient } from '../clients/catalog.client.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { DossiersService } from '../dossiers/dossiers.service.js';
import { DossierHistoryRepository } from '../dossiers/dossier-history.repository.js';
import { PostalTrackingClient } from '../clients/postal-tracking.client.js';
import type { ReceiptView } from '../receipts/receipt.views.js';
import { address, type ReceiptDetails, receiptFormData, ReceiptsService } from '../receipts/receipts.service.js';
import { type DossierFormView, FORM_NUMBERS, FORM_TITLES, type FormNumber } from './forms.views.js';
import { type CaseControlSheet, type CaseFormsData, WorkflowFormsClient } from '../clients/workflow-forms.client.js';
import { IntakeAccess } from '../access-policy.js';

/** Who reads a dossier's forms: the signed-in caller, or whoever holds the receipt's lookup code. */
export interface FormReader {
  caller?: Caller;
  secret?: string;
}

/** A form, as data and as what is printed. */
export interface IssuedForm {
  view: DossierFormView;
  printable: PrintableForm;
}

function notIssued(form: FormNumber, detail: string): ProblemException {
  return new ProblemException(404, 'form-not-issued', 'Not Found', `Form ${form} (${FORM_TITLES[form]}) has not been issued for this dossier: ${detail}.`, { form });
}

/**
 * The official forms of a dossier (01 to 06), for the officers handling it and for the
 * applicant with the lookup code: 01 from the dossier itself (with its receiving officer, fees
 * and tracking number), 02 to 06 from what workflow recorded on the case, all printed by
 * libs/platform's official-forms builders, the same ones workflow prints its control sheet with.
 */
@Injectable()
export class FormsService {
  private readonly logger = new Logger('Forms');

  constructor(
    private readonly dossiers: DossiersService,
    private readonly history: DossierHistoryRepository,
    private readonly receipts: ReceiptsService,
    private readonly catalog: CatalogClient,
    private readonly postal: PostalTrackingClient,
    private readonly agencies: FormAgencies,
    private readonly workflow: WorkflowFormsClient,
  ) {}

  /** Form 01 with what it prints beyond the dossier, for `/dossiers/{code}/receipt`. */
  async receipt(dossier: Dossier): Promise<{ view: ReceiptView; issuer: FormAgency }> {
    const [details, issuer] = await Promise.all([this.receiptDetails(dossier), this.issuerOf(dossier.receivingAgencyCode, dossier.receivingAgencyName)]);
    return { view: this.receipts.receipt(dossier, details), issuer };
  }

  async receiptPdf(dossier: Dossier): Promise<Buffer> {
    const { view, issuer } = await this.receipt(dossier);
    return this.receipts.receiptPdf(view, issuer);
  }

  /** Validates the form's number, authorises the reader and gathers the form. */
  async form(reader: FormReader, code: string, form: string, sequence?: number): Promise<IssuedForm> {
    if (!(FORM_NUMBERS as readonly string[]).includes(form)) {
      throw ProblemException.badRequest('validation-failed', 'There is no such form.', [{ field: 'form', reason: `must be one of ${FORM_NUMBERS.join(', ')}` }]);
    }
    if (sequence !== undefined && form !== '02') {
      throw ProblemException.badRequest('validation-failed', 'Only form 02 takes a sequence.', [{ field: 'sequence', reason: 'is only for form 02 (which supplement request)' }]);
    }
    const dossier = await this.readable(reader, code);
    const number = form as FormNumber;
    if (number === '01') return this.receiptForm(dossier);
    const data = await this.workflow.formsData(dossier.code);
    if (!data) throw notIssued(number, 'its processing case is being opened; try again in a moment');
    return this.caseForm(number, dossier, data, sequence);
  }

  render(form: IssuedForm): Promise<Buffer> {
    return renderFormPdf(form.printable);
  }

  private async receiptForm(dossier: Dossier): Promise<IssuedForm> {
    const { view, issuer } = await this.receipt(dossier);
    return {
      view: { form: '01', title: FORM_TITLES['01'], dossierCode: dossier.code, issuer, issuedAt: view.receivedAt, applicantName: dossier.applicantName, receipt: view },
      printable: receiptForm(receiptFormData(view, issuer)),
    };
  }

  private async caseForm(form: Exclude<FormNumber, '01'>, dossier: Dossier, data: CaseFormsData, sequence?: number): Promise<IssuedForm> {
    const applicant: FormApplicant = { name: dossier.applicant.name, address: address(dossier.applicant.address), phone: dossier.applicant.phone, email: dossier.applicant.email ?? null };
    const about: ProcessingFormDossier = {
      dossierCode: dossier.code,
      procedureName: dossier.procedureName,
      receivedAt: formatLocal(dossier.receivedAt),
      receivingAgencyName: dossier.receivingAgencyName,
      applicant,
    };
    const base = { form, title: FORM_TITLES[form], dossierCode: dossier.code, applicantName: dossier.applicantName };
    switch (form) {
      case '02': {
        const requests = data.supplementRequests;
        if (requests.length === 0) throw notIssued(form, 'no supplement was requested');
        const index = (sequence ?? requests.length) - 1;
        if (index >= requests.length) throw notIssued(form, `the dossier has had ${requests.length} supplement request${requests.length > 1 ? 's' : ''}, not ${sequence}`);
        const r = requests[index];
        return {
          view: {
            ...base,
            issuer: r.agency,
            issuedAt: r.requestedAt,
            supplementRequest: { sequence: index + 1, of: requests.length, requestedAt: r.requestedAt, requestedByName: r.requestedByName, documents: r.documents, note: r.note, answeredAt: r.answeredAt },
          },
          printable: supplementRequestForm({ ...about, agency: r.agency, requestedAt: r.requestedAt, requestedByName: r.requestedByName, documents: r.documents, note: r.note, sequence: index + 1, of: requests.length }),
        };
      }
      case '03': {
        const refusal = data.refusal;
        if (!refusal) throw notIssued(form, 'the dossier was not refused');
        return {
          view: { ...base, issuer: refusal.agency, issuedAt: refusal.at, refusal: { at: refusal.at, byName: refusal.byName, reason: refusal.reason } },
          printable: refusalForm({ ...about, agency: refusal.agency, refusedAt: refusal.at, refusedByName: refusal.byName, reason: refusal.reason }),
        };
      }
      case '04': {
        const apology = data.apology;
        if (!apology) throw notIssued(form, 'no apology and new date were issued');
        const { issuedBy: _by, agency, ...printed } = apology;
        return {
          view: { ...base, issuer: agency, issuedAt: apology.issuedAt, apology: printed },
          printable: apologyForm({ ...about, agency, ...printed }),
        };
      }
      case '05': {
        const stop = data.stop;
        if (!stop) throw notIssued(form, 'processing was not stopped');
        return {
          view: { ...base, issuer: stop.agency, issuedAt: stop.at, stop: { at: stop.at, byName: stop.byName, reason: stop.reason } },
          printable: stopNoticeForm({ ...about, agency: stop.agency, stoppedAt: stop.at, stoppedByName: stop.byName, reason: stop.reason }),
        };
      }
      case '06': {
        const sheet = await this.controlSheet(dossier, data);
        const { form: _form, dossierCode: _code, agency, applicantName: _applicant, ...printed } = sheet;
        return {
          view: { ...base, issuer: agency, issuedAt: sheet.entries.at(-1)?.at ?? formatLocal(dossier.receivedAt), controlSheet: printed },
          printable: controlSheetForm(sheet),
        };
      }
    }
  }

  /**
   * Workflow's control sheet with what intake knows better: the applicant who handed the dossier
   * in, the officer who received it (by the name their token gave at reception), and the
   * receiving agency's name when catalog could not give it.
   */
  private async controlSheet(dossier: Dossier, data: CaseFormsData): Promise<CaseControlSheet & { applicantName: string }> {
    const sheet = data.controlSheet;
    const receivedByName = await this.history.receivingOfficerName(dossier.code);
    const agency = sheet.agency.name === sheet.agency.code ? { ...sheet.agency, name: dossier.receivingAgencyName } : sheet.agency;
    return {
      ...sheet,
      agency,
      applicantName: dossier.applicantName,
      entries: sheet.entries.map((entry) =>
        entry.action === 'receive'
          ? { ...entry, toUnitName: entry.toUnitName ?? (entry.toUnit === dossier.receivingAgencyCode ? dossier.receivingAgencyName : null), toOfficerName: entry.toOfficerName ?? (entry.toOfficer === dossier.receivedBy ? receivedByName : null) }
          : entry,
      ),
    };
  }

  private async receiptDetails(dossier: Dossier): Promise<ReceiptDetails> {
    const [receivedByName, fees, trackingNumber] = await Promise.all([
      this.history.receivingOfficerName(dossier.code),
      this.catalog.procedureVersion(dossier.procedureCode, dossier.procedureVersionNo).then(
        (version) => version.procedure.fees ?? [],
        (error: unknown) => {
          this.logger.warn(`fees of ${dossier.code} left off its receipt: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        },
      ),
      dossier.channel === 'post' ? this.postal.shipmentsOf(dossier.code).then((shipments) => shipments?.find((s) => s.kind === 'dossier_pickup')?.trackingNumber ?? null) : Promise.resolve(null),
    ]);
    return { receivedByName, fees, trackingNumber };
  }

  private async issuerOf(code: string, knownName: string): Promise<FormAgency> {
    const { known, ...agency } = await this.agencies.header(code);
    return known ? agency : { ...agency, name: knownName };
  }

  /**
   * The dossier whose forms the reader may read: with a lookup code, the dossier it opens (an
   * unknown code and a wrong lookup code are the same 404, counted as at `/lookup`); without, as
   * for reading the dossier (401 with no credential, 403 without a reader's role, 404 for a
   * dossier they may not see).
   */
  private readable(reader: FormReader, code: string): Promise<Dossier> {
    return this.dossiers.readableWithCodeOr(reader, code, IntakeAccess.readDossierFiles);
  }
}
