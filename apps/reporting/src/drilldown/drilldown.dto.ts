import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQuery } from '@onestop/platform';
import { ReportQuery } from '../reports/report-query.dto.js';
import { columnKeys, DRILLDOWN_REPORTS, type DrilldownReport } from './drilldown-columns.js';

/** The report's period and scope (the same filters its figures are read with), a page, and the column. */
function drilldownQuery(report: DrilldownReport, example: string) {
  const keys = columnKeys(report);
  class Query extends IntersectionType(OmitType(ReportQuery, ['format'] as const), PageQuery) {
    @ApiProperty({
      enum: keys,
      example,
      description: `The report's column: ${DRILLDOWN_REPORTS[report].map((c) => `\`${c.key}\` (${c.label})`).join(', ')}.`,
    })
    @IsIn(keys)
    column: string;
  }
  return Query;
}

export class BalanceDrilldownQuery extends drilldownQuery('dossier-balance', 'finishedLate') {}
export class IndicatorsDrilldownQuery extends drilldownQuery('indicators', 'handledOnTheSpot') {}
export class ServiceIndexDrilldownQuery extends drilldownQuery('service-index', 'lateOrOverdue') {}

/** One dossier a figure counts, and why it is in that column. */
export class DrilldownDossier {
  @ApiProperty({ example: '000.00.01.H56-250314-0042' })
  code: string;

  @ApiProperty({ example: '1.003560' })
  procedureCode: string;

  @ApiProperty({ nullable: true, type: String, description: 'The procedure\'s name in reporting\'s copy of the catalog.', example: 'Cấp giấy phép lái xe' })
  procedureName: string | null;

  @ApiProperty({ example: '000.17.22.H56' })
  competentAgencyCode: string;

  @ApiProperty({ example: '000.00.01.H56' })
  receivingAgencyCode: string;

  @ApiProperty({ example: 'GT-DB' })
  fieldCode: string;

  @ApiProperty({ example: 'province' })
  levelCode: string;

  @ApiProperty({ enum: ['counter', 'online', 'post'] })
  channel: string;

  @ApiProperty({ example: '2025-03-14T09:12:00+07:00' })
  receivedAt: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The legal due date in force at the close (or now, while open): moved out by supplement waits, never by an apology.',
    example: '2025-03-28T17:00:00+07:00',
  })
  dueAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When the result was issued (finished dossiers).', example: '2025-03-31T10:20:00+07:00' })
  finishedAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When it was finished, refused, stopped or withdrawn; null while open.' })
  closedAt: string | null;

  @ApiProperty({ enum: ['in_progress', 'awaiting_supplement', 'finished', 'refused', 'stopped', 'withdrawn'], description: 'Its state now.' })
  state: string;

  @ApiProperty({ description: 'Why it is in this column, in words.', example: 'Finished 2025-03-31T10:20:00+07:00, 9.3 working hours after its due date 2025-03-28T17:00:00+07:00.' })
  reason: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Late by: working minutes from the due date to the result (finished late), or to the column\'s date (overdue in progress); on the working-time calendar. Null otherwise, or when the calendar could not be read.',
    example: 560,
  })
  workingMinutesLate: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Waiting for the applicant\'s supplement since (awaiting a supplement at the column\'s date, or first asked in the period).', example: '2025-12-20T15:00:00+07:00' })
  awaitingSupplementSince: string | null;

  @ApiPropertyOptional({ type: Number, description: 'The rating\'s score (1-5), for ratings.' })
  ratingScore?: number;
}
