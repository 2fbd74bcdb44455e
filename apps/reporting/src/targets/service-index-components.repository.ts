import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface ComponentRow {
  key: string;
  points: string;
  full_marks_at: string;
  updated_at: Date;
  updated_by: string;
}

/** Every statement on the service index's weights and thresholds (`service_index_components`). */
@Injectable()
export class ServiceIndexComponentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<ComponentRow[]> {
    return (await this.dataSource.query(`SELECT * FROM service_index_components`)) as ComponentRow[];
  }

  async set(component: { key: string; points: number; fullMarksAt: number }, by: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO service_index_components (key, points, full_marks_at, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, full_marks_at = EXCLUDED.full_marks_at, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [component.key, component.points, component.fullMarksAt, by],
    );
  }
}
