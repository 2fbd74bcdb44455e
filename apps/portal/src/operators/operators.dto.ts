import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { IsCalendarDate } from '@onestop/platform';

export class RepushDayRequest {
  @ApiProperty({ example: '2026-03-16', description: 'The local day (Asia/Ho_Chi_Minh) whose received dossiers are pushed again.' })
  @IsCalendarDate()
  date: string;
}

export class SimulatedCallsQuery {
  @ApiPropertyOptional({ example: '000.00.01.H56-260316-0001', description: 'Only the calls about this dossier.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code such as 000.00.01.H56-260316-0001' })
  dossierCode?: string;
}
