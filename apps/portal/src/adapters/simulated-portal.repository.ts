import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SimulatedCallRow {
  id: string;
  target: 'portal' | 'emc';
  service: string;
  dossier_code: string | null;
  body: Record<string, unknown>;
  answer: Record<string, unknown>;
  received_at: Date;
}

/** The simulated portal's and EMC's book (`simulated_portal_calls`, `simulated_portal_dossiers`), kept in the connector's schema so a restart loses nothing. */
@Injectable()
export class SimulatedPortalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(call: { target: 'portal' | 'emc'; service: string; dossierCode: string | null; body: unknown; answer: unknown }): Promise<void> {
    await this.dataSource.query(`INSERT INTO simulated_portal_calls (target, service, dossier_code, body, answer) VALUES ($1, $2, $3, $4, $5)`, [
      call.target,
      call.service,
      call.dossierCode,
      JSON.stringify(call.body),
      JSON.stringify(call.answer),
    ]);
  }

  async knows(code: string): Promise<boolean> {
    return ((await this.dataSource.query(`SELECT 1 FROM simulated_portal_dossiers WHERE code = $1`, [code])) as unknown[]).length > 0;
  }

  async keep(code: string, record: unknown): Promise<void> {
    await this.dataSource.query(`INSERT INTO simulated_portal_dossiers (code, record) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET record = EXCLUDED.record, updated_at = now()`, [code, JSON.stringify(record)]);
  }

  /** What it received, oldest first; of one dossier when `dossierCode` is given. */
  async calls(dossierCode: string | undefined, limit: number): Promise<SimulatedCallRow[]> {
    return (await this.dataSource.query(
      `SELECT id, target, service, dossier_code, body, answer, received_at FROM simulated_portal_calls ${dossierCode ? 'WHERE dossier_code = $2' : ''} ORDER BY id DESC LIMIT $1`,
      dossierCode ? [limit, dossierCode] : [limit],
    )) as SimulatedCallRow[];
  }
}
