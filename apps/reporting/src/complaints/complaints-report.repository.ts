import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { midnightOf } from '../drilldown/drilldown.repository.js';
import type { ReportContext } from '../reports/report-context.js';
import type { GroupBy } from '../reports/report-query.dto.js';
import { COMPLAINT_GROUP_COLUMNS, complaintScope, Sql } from '../reports/rollup-reader.js';

export interface ComplaintTimes {
  key: string | null;
  filedAt: Date | null;
  answeredAt: Date | null;
}

/** The complaints a period's report counts: filed or answered in it, or still unanswered at its end. */
@Injectable()
export class ComplaintsReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inPeriod(context: ReportContext, groupBy?: GroupBy): Promise<ComplaintTimes[]> {
    const sql = new Sql();
    const from = sql.param(midnightOf(context.period.from), '::timestamptz');
    const end = sql.param(midnightOf(context.asOf), '::timestamptz');
    const where = [
      // Counted as the roll-ups count them: under an agency, on the days of the filing and the answer.
      'agency_code IS NOT NULL',
      `((filed_at >= ${from} AND filed_at < ${end}) OR (answered_at >= ${from} AND answered_at < ${end}) OR (filed_at < ${end} AND (answered_at IS NULL OR answered_at >= ${end})))`,
      ...complaintScope(sql, context.scope),
    ];
    const key = groupBy ? COMPLAINT_GROUP_COLUMNS[groupBy] : 'NULL::text';
    return (await this.dataSource.query(`SELECT ${key} AS key, filed_at AS "filedAt", answered_at AS "answeredAt" FROM complaint_facts WHERE ${where.join(' AND ')}`, sql.params)) as ComplaintTimes[];
  }
}
