import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@onestop/domain';
import { IsPlainName, PageQuery } from '@onestop/platform';

const AGENCY_CODE_MESSAGE = 'must be an agency code such as 000.00.00.H56';

export class CreateAgencyRequest {
  @ApiProperty({ example: '000.17.22.H56' })
  @Matches(AGENCY_CODE_PATTERN, { message: `code ${AGENCY_CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: 'Sở Tư pháp', description: 'The agency\'s name; no bidirectional control characters.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainName()
  name: string;

  @ApiPropertyOptional({ example: '10 Trần Phú, phường Minh Khai' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiProperty({ example: 'province', description: 'An administrative level code (GET /levels).' })
  @IsString()
  @MaxLength(40)
  levelCode: string;

  @ApiPropertyOptional({ example: '000.00.00.H56', description: 'The parent agency; none for the root (the province).' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: `parentCode ${AGENCY_CODE_MESSAGE}` })
  parentCode?: string;

  @ApiPropertyOptional({ type: [Number], example: [2, 4], description: 'None, or at least two weekdays (1 = Monday ... 5 = Friday).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @IsIn([1, 2, 3, 4, 5], { each: true, message: 'onlineOnlyWeekdays must hold weekdays 1 (Monday) to 5 (Friday)' })
  onlineOnlyWeekdays?: number[];
}

export class UpdateAgencyRequest {
  @ApiPropertyOptional({ example: 'Sở Tư pháp', description: 'The agency\'s name; no bidirectional control characters.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainName()
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '10 Trần Phú' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '000.00.00.H56', description: 'Moves the agency in the tree; null makes it a root.' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(AGENCY_CODE_PATTERN, { message: `parentCode ${AGENCY_CODE_MESSAGE}` })
  parentCode?: string | null;

  @ApiPropertyOptional({ type: [Number], example: [2, 4] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @IsIn([1, 2, 3, 4, 5], { each: true, message: 'onlineOnlyWeekdays must hold weekdays 1 (Monday) to 5 (Friday)' })
  onlineOnlyWeekdays?: number[];
}

export class AgencyQuery extends PageQuery {
  @ApiPropertyOptional({ example: '000.00.00.H56', description: 'Only the direct children of this agency.' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: `parentCode ${AGENCY_CODE_MESSAGE}` })
  parentCode?: string;

  @ApiPropertyOptional({ example: 'commune' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  levelCode?: string;

  @ApiPropertyOptional({ example: 'tu phap', description: 'Words of the name, with or without diacritics.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
