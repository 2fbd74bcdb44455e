import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  formatLocal,
  SERVICE_INDEX_COMPONENTS,
  SERVICE_INDEX_TOTAL_POINTS,
  type ServiceIndexConfig,
  TARGET_METRIC_DEFINITIONS,
  type TargetSetting,
  UNMEASURED_COMPONENTS,
} from '@onestop/domain';
import { type Caller, ProblemException } from '@onestop/platform';
import { ServiceIndexComponentsRepository } from './service-index-components.repository.js';
import type { PutServiceIndexConfigRequest, PutTargetsRequest, ServiceIndexConfigView, TargetList, TargetsQuery, TargetView } from './targets.dto.js';
import { type TargetRow, TargetsRepository } from './targets.repository.js';

/** Targets per year and scope, and the service index's weights: data an administrator edits. */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetsRepository,
    private readonly components: ServiceIndexComponentsRepository,
  ) {}

  async list(query: TargetsQuery): Promise<TargetList> {
    const agencyCode = query.agency === undefined ? undefined : query.agency === 'province' ? '' : query.agency;
    const rows = await this.targets.list({ year: query.year, agencyCode });
    return { items: rows.map(toView) };
  }

  /** Every stored target, to find the one in force for a year and scope. */
  async settings(): Promise<TargetSetting[]> {
    const rows = await this.targets.all();
    return rows.map((r) => ({ year: r.year, agencyCode: r.agency_code || null, metric: r.metric, value: Number(r.value) }));
  }

  /** Sets (or, with a null value, removes) targets for a year and scope; answers that year's and scope's targets. */
  async put(caller: Caller, request: PutTargetsRequest): Promise<TargetList> {
    const metrics = request.targets.map((t) => t.metric);
    const repeated = metrics.find((m, i) => metrics.indexOf(m) !== i);
    if (repeated) {
      throw ProblemException.badRequest('validation-failed', `targets: ${repeated} is given twice`, [{ field: `targets[${metrics.lastIndexOf(repeated)}].metric`, reason: `${repeated} is given twice` }]);
    }
    const agency = request.agencyCode ?? '';
    await this.dataSource.transaction(async (manager) => {
      for (const target of request.targets) {
        const key = { year: request.year, agencyCode: agency, metric: target.metric };
        if (target.value === null) await this.targets.remove(key, manager);
        else await this.targets.set(key, target.value, caller.subject, manager);
      }
    });
    return this.list({ year: request.year, agency: agency || 'province' });
  }

  async indexConfig(): Promise<ServiceIndexConfig[]> {
    const rows = await this.components.all();
    return rows.map((r) => ({ key: r.key, points: Number(r.points), fullMarksAt: Number(r.full_marks_at) }));
  }

  async indexConfigView(): Promise<ServiceIndexConfigView> {
    const rows = new Map((await this.components.all()).map((r) => [r.key, r]));
    const components = SERVICE_INDEX_COMPONENTS.map((c) => {
      const row = rows.get(c.key);
      return {
        key: c.key,
        group: c.group,
        name: c.name,
        formula: c.formula,
        points: row ? Number(row.points) : c.defaultPoints,
        fullMarksAt: row ? Number(row.full_marks_at) : c.defaultFullMarksAt,
        measured: !UNMEASURED_COMPONENTS[c.key],
        updatedAt: row ? formatLocal(new Date(row.updated_at)) : '',
        updatedBy: row?.updated_by ?? 'default',
      };
    });
    return { decision: '766/QĐ-TTg', totalPoints: components.reduce((sum, c) => sum + c.points, 0), components };
  }

  /** Replaces the weights and thresholds: every component once, points adding up to 100. */
  async putIndexConfig(caller: Caller, request: PutServiceIndexConfigRequest): Promise<ServiceIndexConfigView> {
    const keys = request.components.map((c) => c.key);
    const problems = SERVICE_INDEX_COMPONENTS.filter((c) => !keys.includes(c.key)).map((c) => ({ field: 'components', reason: `lacks ${c.key}` }));
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) problems.push({ field: `components[${i}].key`, reason: `${key} is given twice` });
    });
    const total = request.components.reduce((sum, c) => sum + c.points, 0);
    if (Math.abs(total - SERVICE_INDEX_TOTAL_POINTS) > 1e-9) problems.push({ field: 'components', reason: `the points add up to ${total}, not ${SERVICE_INDEX_TOTAL_POINTS}` });
    if (problems.length) throw ProblemException.badRequest('validation-failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
    await this.dataSource.transaction(async (manager) => {
      for (const c of request.components) await this.components.set(c, caller.subject, manager);
    });
    return this.indexConfigView();
  }
}

function toView(row: TargetRow): TargetView {
  return {
    year: row.year,
    agencyCode: row.agency_code || null,
    metric: row.metric,
    name: TARGET_METRIC_DEFINITIONS[row.metric]?.name ?? row.metric,
    value: Number(row.value),
    updatedAt: formatLocal(new Date(row.updated_at)),
    updatedBy: row.updated_by,
  };
}
