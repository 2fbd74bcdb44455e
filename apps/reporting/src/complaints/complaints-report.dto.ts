import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RatioView } from '../reports/ratio.view.js';
import { ReportCoverage } from '../reports/report-context.js';

export class ComplaintReportFigures {
  @ApiProperty({ description: 'Tiếp nhận: complaints and petitions about procedures filed in the period (the same count as the indicators\' `complaints.filed`).', example: 120 })
  filed: number;

  @ApiProperty({ description: 'Đã trả lời: answered in the period, whenever filed (the indicators\' `complaints.answered`).', example: 110 })
  answered: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Trả lời đúng hạn: of those answered, within `answerWorkingDays` working days of their filing on the working-time calendar; null when the calendar could not be read.', example: 104 })
  answeredInTime: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Trả lời quá hạn: answered after that.', example: 6 })
  answeredLate: number | null;

  @ApiProperty({ description: 'Chưa trả lời: filed before the end and not answered by then (local midnight of `period.asOf`).', example: 14 })
  unansweredAtEnd: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Of them, past their time limit at the end (or now, for a period not over).', example: 2 })
  unansweredOverdue: number | null;

  @ApiProperty({ type: RatioView, nullable: true, description: 'answeredInTime ÷ answered.' })
  answeredInTimeShare: RatioView | null;
}

export class ComplaintReportRow extends ComplaintReportFigures {
  @ApiProperty({ description: 'The group: the agency the complaint was filed with, or the field, level or procedure of the dossier it is about (\'\' for complaints about no dossier).', example: '000.17.22.H56' })
  key: string;
}

/** The report on complaints and petitions about procedures: received, answered, in time. */
export class ComplaintsReport extends ReportCoverage {
  @ApiProperty({ description: 'The time limit for an answer, in working days (setting COMPLAINT_ANSWER_WORKING_DAYS).', example: 10 })
  answerWorkingDays: number;

  @ApiProperty({ nullable: true, type: String })
  groupBy: string | null;

  @ApiProperty({ type: [ComplaintReportRow] })
  rows: ComplaintReportRow[];

  @ApiProperty({ type: ComplaintReportFigures })
  total: ComplaintReportFigures;

  @ApiPropertyOptional({ type: () => ComplaintsReport, description: 'With `compare=previousYear`: the same report for the same days a year earlier.' })
  previous?: ComplaintsReport;
}
