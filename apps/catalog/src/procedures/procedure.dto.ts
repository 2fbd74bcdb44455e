import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ONLINE_LEVELS, ONLINE_MODES, type OnlineLevel, type OnlineMode, PROCEDURE_CODE_PATTERN } from '@onestop/domain';

export class PublishProcedureRequest {
  @ApiProperty({ description: 'National code `d.dddddd`, optionally with a local suffix.', example: '1.003560' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'code must look like 1.003560 (national code, optional local suffix)' })
  code: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  name: string;

  @ApiProperty({ enum: ONLINE_LEVELS, description: 'Online service level 1-4.', example: 4 })
  @IsIn(ONLINE_LEVELS)
  onlineLevel: OnlineLevel;

  @ApiProperty({ enum: ONLINE_MODES, description: 'Full online (toàn trình), partial (một phần) or none.', example: 'full' })
  @IsIn(ONLINE_MODES)
  onlineMode: OnlineMode;

  @ApiPropertyOptional({ description: 'Integrated on the National Public Service Portal.', default: false })
  @IsOptional()
  @IsBoolean()
  integratedNationalPortal?: boolean;

  @ApiProperty({ description: 'Date from which the procedure is in force (yyyy-MM-dd).', example: '2026-01-01' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be a date such as 2026-01-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date such as 2026-01-01' })
  effectiveFrom: string;
}

export class ProcedureView {
  @ApiProperty({ example: '1.003560' })
  code: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ enum: ONLINE_LEVELS, example: 4 })
  onlineLevel: OnlineLevel;

  @ApiProperty({ enum: ONLINE_MODES, example: 'full' })
  onlineMode: OnlineMode;

  @ApiProperty({ example: true })
  integratedNationalPortal: boolean;

  @ApiProperty({ example: 1 })
  versionNo: number;

  @ApiProperty({ example: '2026-01-01' })
  effectiveFrom: string;
}
