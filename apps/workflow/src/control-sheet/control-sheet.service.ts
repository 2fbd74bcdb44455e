import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { controlSheetForm, FormAgencies, ProblemException, renderFormPdf } from '@onestop/platform';
import { OfficersRepository } from '../officers/officers.repository.js';
import type { ControlSheetView } from './control-sheet.views.js';

interface HandoverRow {
  at: Date;
  action: string;
  from_unit: string | null;
  from_officer: string | null;
  to_unit: string | null;
  to_officer: string | null;
  result: string;
  note: string | null;
}

interface CaseHeaderRow {
  procedure_name: string;
  receiving_agency_code: string;
  competent_agency_code: string;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: FormAgencies,
    private readonly officers: OfficersRepository,
  ) {}

  async sheet(dossierCode: string, procedureName?: string): Promise<ControlSheetView> {
    const [header] = (await this.dataSource.query(`SELECT procedure_name, receiving_agency_code, competent_agency_code FROM cases WHERE dossier_code = $1`, [dossierCode])) as CaseHeaderRow[];
    if (!header) throw ProblemException.notFound('case-not-found', `No case ${dossierCode}.`);
    const rows = (await this.dataSource.query(
      `SELECT at, action, from_unit, from_officer, to_unit, to_officer, result, note FROM handovers WHERE dossier_code = $1 ORDER BY id`,
      [dossierCode],
    )) as HandoverRow[];
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
