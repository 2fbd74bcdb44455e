import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Handover } from '@onestop/domain';

export interface HandoverRow {
  at: Date;
  action: string;
  from_unit: string | null;
  from_officer: string | null;
  to_unit: string | null;
  to_officer: string | null;
  result: string;
  note: string | null;
}

/** Every statement on the control sheet's rows (`handovers`). */
@Injectable()
export class HandoversRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(dossierCode: string, h: Handover, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO handovers (dossier_code, at, action, from_unit, from_officer, to_unit, to_officer, result, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [dossierCode, h.at, h.action, h.from.unit, h.from.officer, h.to.unit, h.to.officer, h.result, h.note],
    );
  }

  /** Whether the post brought the dossier's result back to the agency. */
  async backFromPost(dossierCode: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM handovers WHERE dossier_code = $1 AND action = 'postal_return' LIMIT 1`, [dossierCode])) as unknown[];
    return rows.length > 0;
  }

  /** The dossier's rows in the order written. */
  async ofDossier(dossierCode: string): Promise<HandoverRow[]> {
    return (await this.dataSource.query(`SELECT at, action, from_unit, from_officer, to_unit, to_officer, result, note FROM handovers WHERE dossier_code = $1 ORDER BY id`, [dossierCode])) as HandoverRow[];
  }
}
