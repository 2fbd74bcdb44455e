import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { IsAgencyCode } from '@onestop/platform';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The period of a report: `period`, or `from` and `to`; without either, the current year. */
export class PeriodQuery {
  @ApiPropertyOptional({
    description: 'A year (`2025`), a half (`2025-H1`), a quarter (`2025-Q2`) or a month (`2025-03`). Not with `from`/`to`. Without any period: the current year.',
    example: '2025-Q2',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  period?: string;

  @ApiPropertyOptional({ description: 'First day of a custom period (yyyy-MM-dd, local time), with `to`.', example: '2025-01-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of a custom period, included (yyyy-MM-dd), with `from`. At most ten years.', example: '2025-06-30' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    description: 'The answer as JSON (default), CSV (UTF-8 with BOM, Vietnamese headers), an Excel workbook or a printable PDF in the national forms\' layout (A4 across); the same as `Accept: text/csv`, `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or `Accept: application/pdf`. Wins over Accept.',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** Period, scope and format of a report. */
export class ReportQuery extends PeriodQuery {
  @ApiPropertyOptional({ description: 'Only dossiers decided by this agency (the competent agency, cơ quan giải quyết).', example: '000.17.22.H56' })
  @IsOptional()
  @IsAgencyCode({ example: '000.17.22.H56' })
  agency?: string;

  @ApiPropertyOptional({ description: 'Only dossiers received by this agency (cơ quan tiếp nhận).', example: '000.00.01.H56' })
  @IsOptional()
  @IsAgencyCode()
  receivingAgency?: string;

  @ApiPropertyOptional({ description: 'Only this field (lĩnh vực) code.', example: 'GT-DB' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  field?: string;

  @ApiPropertyOptional({ description: 'Only this administrative level (province, district, commune).', example: 'province' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string;

  @ApiPropertyOptional({ description: 'Only this procedure code.', example: '1.003560' })
  @IsOptional()
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedure must be a procedure code such as 1.003560' })
  procedure?: string;
}

/** A report that can put the same period of the previous year beside this one. */
export class ComparedReportQuery extends ReportQuery {
  @ApiPropertyOptional({
    enum: ['previousYear'],
    description: 'Adds `previous`: the same report for the same days a year earlier (for a period not over yet, up to the same day a year earlier), with its own links; the 766 index also gives each component\'s change.',
  })
  @IsOptional()
  @IsIn(['previousYear'])
  compare?: 'previousYear';
}

export const GROUP_BY = ['agency', 'receivingAgency', 'field', 'level', 'procedure'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A report that can be broken down into rows. */
export class GroupedReportQuery extends ComparedReportQuery {
  @ApiPropertyOptional({ enum: GROUP_BY, description: 'One row per competent agency, receiving agency, field, level or procedure, and the total.' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;
}
