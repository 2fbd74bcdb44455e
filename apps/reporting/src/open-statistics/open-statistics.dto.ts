import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsAgencyCode } from '@onestop/platform';

export class OpenStatisticsQuery {
  @ApiPropertyOptional({ description: 'The year (local time); without it, the current year. Not after the current year.', example: 2025, minimum: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(9999)
  year?: number;

  @ApiPropertyOptional({ description: 'Only this competent agency (cơ quan giải quyết).', example: '000.17.22.H56' })
  @IsOptional()
  @IsAgencyCode({ example: '000.17.22.H56' })
  agency?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'JSON (default) or CSV (UTF-8 with BOM, Vietnamese headers; suppressed cells empty); the same as `Accept: text/csv`. Wins over Accept.' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** A published share: numerator, denominator, ratio; null when publishing it would give away a small count. */
export class OpenShare {
  @ApiProperty({ example: 412 })
  numerator: number;

  @ApiProperty({ example: 1020 })
  denominator: number;

  @ApiProperty({ type: Number, nullable: true, description: 'numerator ÷ denominator, unrounded; null when the denominator is 0.', example: 0.403921568627451 })
  ratio: number | null;
}

export class OpenStatisticsRow {
  @ApiProperty({ nullable: true, type: String, description: 'The competent agency; null for the whole province (all agencies, the cells suppressed in agency rows included).', example: '000.17.22.H56' })
  agencyCode: string | null;

  @ApiProperty({ example: '2025-03', description: 'The month (local time); the current month counts up to today.' })
  month: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Dossiers received in the month; null: suppressed (1 to minimumCount − 1).', example: 1020 })
  received: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Dossiers finished in the month (results issued).', example: 980 })
  finished: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Of them, finished early or on time; null also when the late ones would be a small count.', example: 971 })
  finishedOnTime: number | null;

  @ApiProperty({ type: OpenShare, nullable: true, description: 'Received online ÷ received.' })
  onlineShare: OpenShare | null;

  @ApiProperty({ type: OpenShare, nullable: true, description: '"4 tại chỗ": eligible counter dossiers finished the day they were received ÷ eligible counter dossiers received.' })
  onTheSpotShare: OpenShare | null;

  @ApiProperty({ type: OpenShare, nullable: true, description: 'Satisfaction: ratings of 4 or 5 ÷ ratings given in the month.' })
  satisfaction: OpenShare | null;
}

export class OpenStatistics {
  @ApiProperty({ example: 2025 })
  year: number;

  @ApiProperty({ example: '2026-01-01', description: 'The figures are as of the start of this day (local midnight).' })
  asOf: string;

  @ApiProperty({ description: 'The smallest count published: a count from 1 to this minus one is null, and so is a share whose numerator or complement (denominator − numerator) is such a count.', example: 5 })
  minimumCount: number;

  @ApiProperty({ type: [OpenStatisticsRow], description: 'Per month: the province first, then each agency with dossiers in it.' })
  rows: OpenStatisticsRow[];
}
