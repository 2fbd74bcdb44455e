import { ApiProperty } from '@nestjs/swagger';
import { RatioView } from './ratio.view.js';
import { ReportPeriodView, ReportScope } from './report-context.js';

/** The digitisation figures of one row (or the total). */
export class DigitisationFigures {
  @ApiProperty({ example: 1200, description: 'Results issued in the period (ResultReady), paper and electronic.' })
  resultsIssued: number;

  @ApiProperty({ type: RatioView, description: 'Results issued electronically (signed by the agency, Decree 45/2020) ÷ results issued.' })
  resultsElectronic: RatioView;

  @ApiProperty({ example: 830, description: 'Documents a reception officer digitised into the applicant\'s store in the period.' })
  documentsDigitised: number;

  @ApiProperty({ example: 210, description: 'Documents new dossiers took from the applicant\'s store in the period instead of having them handed in again.' })
  documentsReused: number;

  @ApiProperty({ type: RatioView, description: 'Dossiers received in the period with a document digitised or reused ÷ dossiers received in the period (the 766 index\'s `digitisation.documents`).' })
  dossiersDigitised: RatioView;
}

export class DigitisationRow extends DigitisationFigures {
  @ApiProperty({ type: String, nullable: true, example: '000.17.22.H56', description: 'The group\'s code (competent agency by default).' })
  key: string | null;
}

/** Results issued electronically, documents digitised and reused, per period and agency. */
export class DigitisationReport {
  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;

  @ApiProperty({ enum: ['agency', 'receivingAgency', 'field', 'level', 'procedure'], example: 'agency' })
  groupBy: string;

  @ApiProperty({ type: [DigitisationRow], description: 'One row per group with anything to count.' })
  rows: DigitisationRow[];

  @ApiProperty({ type: DigitisationFigures })
  total: DigitisationFigures;
}
