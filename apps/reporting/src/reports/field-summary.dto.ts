import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BalanceFigures } from './dossier-balance.dto.js';
import { ReportPeriodView, ReportScope } from './report-context.js';

export class FieldSummaryRow extends BalanceFigures {
  @ApiProperty({ description: 'The field (lĩnh vực) code.', example: 'GT-DB' })
  field: string;
}

export class LevelSummary extends BalanceFigures {
  @ApiProperty({ description: 'The administrative level.', example: 'province' })
  level: string;

  @ApiProperty({ description: 'Its name on the form.', example: 'Cấp tỉnh' })
  name: string;

  @ApiProperty({
    type: [FieldSummaryRow],
    description: 'One row per field of the level: every field with a procedure in force in the scope at the end of the period, with or without dossiers, and any other field with dossiers in the period (a procedure since abolished).',
  })
  fields: FieldSummaryRow[];
}

/** Form II.06b: the 06a's figures per administrative level and field. */
export class FieldSummaryReport {
  @ApiProperty({ example: 'II.06b' })
  form: string;

  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;

  @ApiProperty({ type: [LevelSummary], description: 'Province, district, then commune level (and any other level the catalog uses), each with its subtotal and its fields.' })
  levels: LevelSummary[];

  @ApiProperty({ type: BalanceFigures, description: 'The whole scope: the sum of the levels.' })
  total: BalanceFigures;

  @ApiPropertyOptional({ type: () => FieldSummaryReport, description: 'With `compare=previousYear`: the same form for the same days a year earlier.' })
  previous?: FieldSummaryReport;
}
