import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface RunRow {
  id: string;
  requested_by: string;
  status: 'running' | 'succeeded' | 'failed';
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  events: Record<string, number>;
  error: string | null;
}

/** Every table reporting fills from events; targets, index weights and the runs themselves stay. */
export const EVENT_FED_TABLES = ['dossier_facts', 'dossier_rollup', 'complaint_facts', 'complaint_rollup', 'procedure_facts', 'procedure_versions', 'document_store_facts', 'inbox_events'];

/** Every statement on the rebuild runs (`rebuild_runs`), and the emptying of the tables a rebuild fills again. */
@Injectable()
export class RebuildRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks failed the running runs whose heartbeat is older than `staleSeconds`: their process died. */
  async failStale(staleSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE rebuild_runs SET status = 'failed', finished_at = now(), error = 'interrupted: its process stopped'
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
      [staleSeconds],
    );
  }

  /** Starts a run; a unique index lets one run at a time (a second is a 23505 error). */
  async start(id: string, requestedBy: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO rebuild_runs (id, requested_by, status) VALUES ($1, $2, 'running')`, [id, requestedBy]);
  }

  /** The run named, or the latest. */
  async find(id?: string): Promise<RunRow | undefined> {
    const [row] = (await this.dataSource.query(
      id ? `SELECT * FROM rebuild_runs WHERE id = $1` : `SELECT * FROM rebuild_runs ORDER BY started_at DESC LIMIT 1`,
      id ? [id] : [],
    )) as RunRow[];
    return row;
  }

  async heartbeat(id: string, events: Record<string, number>): Promise<void> {
    await this.dataSource.query(`UPDATE rebuild_runs SET heartbeat_at = now(), events = $2 WHERE id = $1`, [id, JSON.stringify(events)]);
  }

  async succeed(id: string, events: Record<string, number>): Promise<void> {
    await this.dataSource.query(`UPDATE rebuild_runs SET status = 'succeeded', finished_at = now(), heartbeat_at = now(), events = $2 WHERE id = $1`, [id, JSON.stringify(events)]);
  }

  async fail(id: string, events: Record<string, number>, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE rebuild_runs SET status = 'failed', finished_at = now(), events = $2, error = $3 WHERE id = $1`, [id, JSON.stringify(events), error]);
  }

  async emptyEventFedTables(): Promise<void> {
    await this.dataSource.query(`TRUNCATE ${EVENT_FED_TABLES.join(', ')}`);
  }
}
