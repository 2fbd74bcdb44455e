import { Injectable } from '@nestjs/common';
import { formatLocal } from '@onestop/domain';
import { controlSheetForm, FormAgencies, ProblemException, renderFormPdf } from '@onestop/platform';
import { CasesRepository } from '../cases/cases.repository.js';
import { OfficersRepository } from '../officers/officers.repository.js';
import { HandoversRepository } from './handovers.repository.js';
import type { ControlSheetView } from './control-sheet.views.js';

/**
 * Form 06: the process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ), with the
 * units named as the catalog names them and the officers as the officer directory knows them
 * (learnt from the verified token of every officer who calls this service, so of everyone who
 * acted on a case). Printed by libs/platform's `controlSheetForm`, as intake prints it for the
 * applicant.
 */
@Injectable()
export class ControlSheetService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly handovers: HandoversRepository,
    private readonly agencies: FormAgencies,
    private readonly officers: OfficersRepository,
  ) {}

  async sheet(dossierCode: string, procedureName?: string): Promise<ControlSheetView> {
    const header = await this.cases.header(dossierCode);
    if (!header) throw ProblemException.notFound('case-not-found', `No case ${dossierCode}.`);
    const rows = await this.handovers.ofDossier(dossierCode);
    const units = rows.flatMap((row) => [row.from_unit, row.to_unit]).filter((unit): unit is string => unit !== null);
    const subjects = rows.flatMap((row) => [row.from_officer, row.to_officer]).filter((subject): subject is string => subject !== null);
    const [agency, unitNames, officerNames] = await Promise.all([
      this.agencies.header(header.receiving_agency_code),
      this.agencies.names([...units, header.competent_agency_code]),
      this.officers.names(subjects),
    ]);
    const { known: _known, ...agencyView } = agency;
    const officerName = (subject: string | null) => (subject === null ? null : (officerNames.get(subject) ?? null));
    const unitName = (code: string | null) => (code === null ? null : (unitNames.get(code) ?? null));
    return {
      form: '06',
      dossierCode,
      procedureName: procedureName ?? header.procedure_name,
      agency: agencyView,
      competentAgencyName: unitName(header.competent_agency_code),
      entries: rows.map((row, index) => ({
        position: index + 1,
        at: formatLocal(new Date(row.at)),
        action: row.action,
        fromUnit: row.from_unit,
        fromUnitName: unitName(row.from_unit),
        fromOfficer: row.from_officer,
        fromOfficerName: officerName(row.from_officer),
        toUnit: row.to_unit,
        toUnitName: unitName(row.to_unit),
        toOfficer: row.to_officer,
        toOfficerName: officerName(row.to_officer),
        result: row.result,
        note: row.note,
      })),
    };
  }

  async pdf(sheet: ControlSheetView): Promise<Buffer> {
    return renderFormPdf(controlSheetForm(sheet));
  }
}
