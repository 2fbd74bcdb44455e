import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  formatLocal,
  SERVICE_INDEX_COMPONENTS,
  SERVICE_INDEX_TOTAL_POINTS,
  type ServiceIndexConfig,
  TARGET_METRIC_DEFINITIONS,
  type TargetMetric,
  type TargetSetting,
  UNMEASURED_COMPONENTS,
} from '@onestop/domain';
import { type Caller, ProblemException } from '@onestop/platform';
import type { PutServiceIndexConfigRequest, PutTargetsRequest, ServiceIndexConfigView, TargetList, TargetsQuery, TargetView } from './targets.dto.js';

interface TargetRow {
  year: number;
  agency_code: string;
  metric: TargetMetric;
  value: string;
  updated_at: Date;
  updated_by: string;
}

interface ComponentRow {
  key: string;
  points: string;
  full_marks_at: string;
  updated_at: Date;
  updated_by: string;
}

/** Targets per year and scope, and the service index's weights: data an administrator edits. */
@Injectable()
export class TargetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: TargetsQuery): Promise<TargetList> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.year !== undefined) {
      params.push(query.year);
      where.push(`year = $${params.length}`);
    }
    if (query.agency !== undefined) {
      params.push(query.agency === 'province' ? '' : query.agency);
      where.push(`agency_code = $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT * FROM targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY year, agency_code, metric`,
      params,
    )) as TargetRow[];
    return { items: rows.map(toView) };
  }

  /** Every stored target, to find the one in force for a year and scope. */
  async settings(): Promise<TargetSetting[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM targets`)) as TargetRow[];
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
        if (target.value === null) {
          await manager.query(`DELETE FROM targets WHERE year = $1 AND agency_code = $2 AND metric = $3`, [request.year, agency, target.metric]);
        } else {
          await manager.query(
            `INSERT INTO targets (year, agency_code, metric, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, now(), $5)
             ON CONFLICT (year, agency_code, metric) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
            [request.year, agency, target.metric, target.value, caller.subject],
          );
        }
      }
    });
    return this.list({ year: request.year, agency: agency || 'province' });
  }

  async indexConfig(): Promise<ServiceIndexConfig[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM service_index_components`)) as ComponentRow[];
    return rows.map((r) => ({ key: r.key, points: Number(r.points), fullMarksAt: Number(r.full_marks_at) }));
  }

  async indexConfigView(): Promise<ServiceIndexConfigView> {
    const rows = new Map(((await this.dataSource.query(`SELECT * FROM service_index_components`)) as ComponentRow[]).map((r) => [r.key, r]));
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
      for (const c of request.components) {
        await manager.query(
          `INSERT INTO service_index_components (key, points, full_marks_at, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
           ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, full_marks_at = EXCLUDED.full_marks_at, updated_at = now(), updated_by = EXCLUDED.updated_by`,
          [c.key, c.points, c.fullMarksAt, caller.subject],
        );
      }
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
