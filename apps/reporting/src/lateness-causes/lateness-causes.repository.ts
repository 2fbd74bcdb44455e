import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LatenessCauseCategory, StatusChange } from '@onestop/domain';
import { drilldownColumn } from '../drilldown/drilldown-columns.js';
import { cellBounds } from '../drilldown/drilldown.repository.js';
import type { ReportContext } from '../reports/report-context.js';
import { dossierScope, Sql } from '../reports/rollup-reader.js';

/** A late dossier as the report reads it. */
export interface LateDossier {
  dossierCode: string;
  agencyCode: string;
  /** Finished late in the period (else: in progress and overdue at its end). */
  finishedLate: boolean;
  closedAt: Date | null;
  statuses: StatusChange[];
}

/** The two columns of form II.06a a late dossier is in: the report's figures are their lists' lengths. */
export const LATE_COLUMNS = [drilldownColumn('dossier-balance', 'finishedLate')!, drilldownColumn('dossier-balance', 'inProgressOverdue')!];

@Injectable()
export class LatenessCausesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The dossiers finished late in the period or overdue at its end, in the report's scope: the same conditions as 06a's cells. */
  async lateDossiers(context: ReportContext): Promise<LateDossier[]> {
    const sql = new Sql();
    const bounds = cellBounds(sql, context);
    const [finishedLate, inProgressOverdue] = LATE_COLUMNS.map((column) => `(${column.where(bounds)})`);
    const where = [`(${finishedLate} OR ${inProgressOverdue})`, ...dossierScope(sql, context.scope)];
    return (await this.dataSource.query(
      `SELECT dossier_code AS "dossierCode", competent_agency_code AS "agencyCode", ${finishedLate} AS "finishedLate", closed_at AS "closedAt", statuses
         FROM dossier_facts WHERE ${where.join(' AND ')}`,
      sql.params,
    )) as LateDossier[];
  }

  /** The classes of apologies' reasons, in the order they are tried (table lateness_cause_categories). */
  async categories(): Promise<LatenessCauseCategory[]> {
    return (await this.dataSource.query(`SELECT code AS key, name, keywords FROM lateness_cause_categories ORDER BY position`)) as LatenessCauseCategory[];
  }
}
