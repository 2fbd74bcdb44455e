import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { decodeCursor, type FieldProblem, type Page, ProblemException, toPage } from '@onestop/platform';
import { AdministrativeLevel } from '../levels/level.entity.js';
import { whereTextMatches } from '@onestop/platform';
import { Agency } from './agency.entity.js';
import type { AgencyQuery, AgencyView, CreateAgencyRequest, UpdateAgencyRequest } from './agency.dto.js';

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
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    @InjectRepository(AdministrativeLevel) private readonly levels: Repository<AdministrativeLevel>,
  ) {}

  async get(code: string): Promise<AgencyView> {
    return toAgencyView(await this.require(code));
  }

  async require(code: string): Promise<Agency> {
    const agency = await this.agencies.findOneBy({ code });
    if (!agency) throw ProblemException.notFound('agency-not-found', `No agency with code ${code}.`);
    return agency;
  }

  async list(query: AgencyQuery): Promise<Page<AgencyView>> {
    const builder = this.agencies.createQueryBuilder('a').orderBy('a.code', 'ASC').limit(query.limit + 1);
    if (query.cursor) builder.andWhere('a.code > :after', { after: decodeCursor(query.cursor, { code: 'string' }).code });
    if (query.parentCode) builder.andWhere('a.parent_code = :parent', { parent: query.parentCode });
    if (query.levelCode) builder.andWhere('a.level_code = :level', { level: query.levelCode });
    if (query.q) whereTextMatches(builder, 'a.name', query.q);
    const rows = await builder.getMany();
    return toPage(rows.map(toAgencyView), query.limit, (last) => ({ code: last.code }));
  }

  async create(request: CreateAgencyRequest): Promise<AgencyView> {
    const problems = [onlineOnlyDaysProblem(request.onlineOnlyWeekdays)].filter((p): p is FieldProblem => !!p);
    if (!(await this.levels.existsBy({ code: request.levelCode }))) problems.push({ field: 'levelCode', reason: `there is no level ${request.levelCode}` });
    if (request.parentCode && !(await this.agencies.existsBy({ code: request.parentCode }))) {
      problems.push({ field: 'parentCode', reason: `there is no agency ${request.parentCode}` });
    }
    if (problems.length) throw ProblemException.unprocessable('invalid-agency', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
    const inserted = (await this.agencies.query(
      `INSERT INTO agencies (code, name, address, level_code, parent_code, online_only_weekdays)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [request.code, request.name, request.address ?? null, request.levelCode, request.parentCode ?? null, request.onlineOnlyWeekdays ?? []],
    )) as unknown[];
    if (inserted.length === 0) throw ProblemException.conflict('agency-exists', `Agency ${request.code} already exists.`);
    return this.get(request.code);
  }

  async update(code: string, request: UpdateAgencyRequest): Promise<AgencyView> {
    const agency = await this.require(code);
    const problems = [onlineOnlyDaysProblem(request.onlineOnlyWeekdays)].filter((p): p is FieldProblem => !!p);
    if (request.parentCode) {
      if (!(await this.agencies.existsBy({ code: request.parentCode }))) {
        problems.push({ field: 'parentCode', reason: `there is no agency ${request.parentCode}` });
      } else if (await this.isWithin(request.parentCode, code)) {
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

  /** Whether `candidate` is `root` or one of its descendants. */
  private async isWithin(candidate: string, root: string): Promise<boolean> {
    const rows = (await this.agencies.query(
      `WITH RECURSIVE subtree AS (
         SELECT code FROM agencies WHERE code = $1
         UNION SELECT a.code FROM agencies a JOIN subtree s ON a.parent_code = s.code)
       SELECT 1 FROM subtree WHERE code = $2`,
      [root, candidate],
    )) as unknown[];
    return rows.length > 0;
  }
}
