import { Injectable } from '@nestjs/common';
import { type CaseDecision, type CaseFormsData, formatLocal } from '@onestop/domain';
import { type FormAgency, FormAgencies, ProblemException } from '@onestop/platform';
import { CasesRepository } from '../cases/cases.repository.js';
import { ControlSheetService } from '../control-sheet/control-sheet.service.js';
import { OfficersRepository } from '../officers/officers.repository.js';

export type { CaseFormsData } from '@onestop/domain';

const local = (instant: string | Date) => formatLocal(new Date(instant));

function header(agency: FormAgency & { known?: boolean }): FormAgency {
  return { code: agency.code, name: agency.name, parentName: agency.parentName, place: agency.place };
}

@Injectable()
export class CaseFormsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly controlSheets: ControlSheetService,
    private readonly agencies: FormAgencies,
    private readonly officers: OfficersRepository,
  ) {}

  async formsData(code: string): Promise<CaseFormsData> {
    const c = await this.cases.find(code);
    if (!c) throw ProblemException.notFound('case-not-found', `No case ${code}.`);
    const controlSheet = await this.controlSheets.sheet(code, c.procedureName);
    // The unit a refusal or a stop was decided at is the giving unit of its hand-over.
    const decidedAt = (action: string) => [...controlSheet.entries].reverse().find((entry) => entry.action === action)?.fromUnit ?? c.currentAgencyCode;
    const requests = c.supplementRequests ?? [];
    const subjects = [...requests.map((r) => r.requestedBy), c.outcome?.by, c.apology?.issuedBy].filter((s): s is string => Boolean(s));
    const names = await this.officers.names(subjects);
    const nameOf = (subject: string) => names.get(subject) ?? null;
    const agencyOf = async (agencyCode: string) => header(await this.agencies.header(agencyCode));

    const decision = async (kind: 'refusal' | 'stop', action: string): Promise<CaseDecision | null> => {
      if (c.outcome?.kind !== kind) return null;
      return { at: local(c.outcome.at), by: c.outcome.by, byName: nameOf(c.outcome.by), agency: await agencyOf(decidedAt(action)), reason: c.outcome.reason ?? '' };
    };
    return {
      dossierCode: c.dossierCode,
      state: c.state,
      supplementRequests: await Promise.all(
        requests.map(async (r) => ({
          requestedAt: local(r.requestedAt),
          requestedBy: r.requestedBy,
          requestedByName: nameOf(r.requestedBy),
          agency: await agencyOf(r.agencyCode ?? c.receivingAgencyCode),
          documents: r.documents.map((d) => ({ name: d.name, note: d.note ?? null })),
          note: r.note,
          answeredAt: r.answeredAt ? local(r.answeredAt) : null,
        })),
      ),
      refusal: await decision('refusal', 'refuse'),
      apology: c.apology
        ? {
            issuedAt: local(c.apology.issuedAt),
            issuedBy: c.apology.issuedBy,
            issuedByName: nameOf(c.apology.issuedBy),
            agency: await agencyOf(c.apology.unitCode),
            reason: c.apology.reason,
            previousAppointmentAt: local(c.apology.previousAppointmentAt),
            newAppointmentAt: local(c.apology.newAppointmentAt),
          }
        : null,
      stop: await decision('stop', 'stop'),
      controlSheet,
    };
  }
}
