import { Injectable } from '@nestjs/common';
import { type FieldProblem, type Page, ProblemException, toPage } from '@onestop/platform';
import { LevelsRepository } from '../levels/levels.repository.js';
import type { Agency } from './agency.entity.js';
import type { AgencyQuery, CreateAgencyRequest, UpdateAgencyRequest } from './agency.dto.js';
import type { AgencyView } from './agency.views.js';
import { AgenciesRepository } from './agencies.repository.js';

/** Online-only days (Hải Phòng pilot): an agency picks at least two weekdays, or none. */
function onlineOnlyDaysProblem(days: number[] | undefined): FieldProblem | undefined {
  if (!days || days.length === 0) return undefined;
  if (new Set(days).size !== days.length) return { field: 'onlineOnlyWeekdays', reason: 'lists a weekday twice' };
  if (days.length < 2) return { field: 'onlineOnlyWeekdays', reason: 'an agency picks at least two online-only weekdays, or none' };
  return undefined;
}

export function toAgencyView(agency: Agency): AgencyView {
  return {
    code: agency.code,
    name: agency.name,
    address: agency.address,
    levelCode: agency.levelCode,
    parentCode: agency.parentCode,
    onlineOnlyWeekdays: [...agency.onlineOnlyWeekdays].sort(),
  };
}

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly levels: LevelsRepository,
  ) {}

  async get(code: string): Promise<AgencyView> {
    return toAgencyView(await this.require(code));
  }

  async require(code: string): Promise<Agency> {
    const agency = await this.agencies.find(code);
    if (!agency) throw ProblemException.notFound('agency-not-found', `No agency with code ${code}.`);
    return agency;
  }

  async list(query: AgencyQuery): Promise<Page<AgencyView>> {
    const rows = await this.agencies.page(query);
    return toPage(rows.map(toAgencyView), query.limit, (last) => ({ code: last.code }));
  }

  async create(request: CreateAgencyRequest): Promise<AgencyView> {
    const problems = [onlineOnlyDaysProblem(request.onlineOnlyWeekdays)].filter((p): p is FieldProblem => !!p);
    if (!(await this.levels.exists(request.levelCode))) problems.push({ field: 'levelCode', reason: `there is no level ${request.levelCode}` });
    if (request.parentCode && !(await this.agencies.exists(request.parentCode))) {
      problems.push({ field: 'parentCode', reason: `there is no agency ${request.parentCode}` });
    }
    if (problems.length) throw ProblemException.unprocessable('invalid-agency', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    const inserted = await this.agencies.insert({
      code: request.code,
      name: request.name,
      address: request.address ?? null,
      levelCode: request.levelCode,
      parentCode: request.parentCode ?? null,
      onlineOnlyWeekdays: request.onlineOnlyWeekdays ?? [],
    });
    if (!inserted) throw ProblemException.conflict('agency-exists', `Agency ${request.code} already exists.`);
    return this.get(request.code);
  }

  async update(code: string, request: UpdateAgencyRequest): Promise<AgencyView> {
    const agency = await this.require(code);
    const problems = [onlineOnlyDaysProblem(request.onlineOnlyWeekdays)].filter((p): p is FieldProblem => !!p);
    if (request.parentCode) {
      if (!(await this.agencies.exists(request.parentCode))) {
        problems.push({ field: 'parentCode', reason: `there is no agency ${request.parentCode}` });
      } else if (await this.agencies.isWithin(request.parentCode, code)) {
        problems.push({ field: 'parentCode', reason: 'an agency cannot be placed under itself or one of its own units' });
      }
    }
    if (problems.length) throw ProblemException.unprocessable('invalid-agency', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    if (request.name !== undefined) agency.name = request.name;
    if (request.address !== undefined) agency.address = request.address;
    if (request.parentCode !== undefined) agency.parentCode = request.parentCode;
    if (request.onlineOnlyWeekdays !== undefined) agency.onlineOnlyWeekdays = request.onlineOnlyWeekdays;
    return toAgencyView(await this.agencies.save(agency));
  }
}
