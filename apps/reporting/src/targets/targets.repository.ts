import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TargetMetric } from '@onestop/domain';

export interface TargetRow {
  year: number;
  agency_code: string;
  metric: TargetMetric;
  value: string;
  updated_at: Date;
  updated_by: string;
}

/** One target as it is written; the province's targets have the agency code ''. */
export interface TargetKey {
  year: number;
  agencyCode: string;
  metric: TargetMetric;
}

/** Every statement on the targets per year and scope (`targets`). */
@Injectable()
export class TargetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In year, scope and metric order; of one year or scope when given. */
  async list(filter: { year?: number; agencyCode?: string }): Promise<TargetRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.year !== undefined) {
      params.push(filter.year);
      where.push(`year = $${params.length}`);
    }
    if (filter.agencyCode !== undefined) {
      params.push(filter.agencyCode);
      where.push(`agency_code = $${params.length}`);
    }
    return (await this.dataSource.query(
      `SELECT * FROM targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY year, agency_code, metric`,
      params,
    )) as TargetRow[];
  }

  async all(): Promise<TargetRow[]> {
    return (await this.dataSource.query(`SELECT * FROM targets`)) as TargetRow[];
  }

  async set(target: TargetKey, value: number, by: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO targets (year, agency_code, metric, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, now(), $5)
       ON CONFLICT (year, agency_code, metric) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [target.year, target.agencyCode, target.metric, value, by],
    );
  }

  async remove(target: TargetKey, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM targets WHERE year = $1 AND agency_code = $2 AND metric = $3`, [target.year, target.agencyCode, target.metric]);
  }
}
