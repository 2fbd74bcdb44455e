import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AGENCY_CODE_PATTERN, type Role } from '@onestop/domain';
import { PageQuery, trimmed } from '@onestop/platform';

/** The roles that work on cases, the only ones the directory holds. */
export const OFFICER_ROLES = ['reception', 'specialist', 'leader'] as const satisfies readonly Role[];
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export class OfficerQuery extends PageQuery {
  @ApiPropertyOptional({ example: '000.00.02.H56', description: 'Officers acting for this agency; by default all of the caller\'s agencies (every agency for admins).' })
  @IsOptional()
  @IsString()
  @Matches(AGENCY_CODE_PATTERN, { message: 'agencyCode must be an agency code such as 000.00.02.H56' })
  agencyCode?: string;

  @ApiPropertyOptional({ enum: OFFICER_ROLES, description: 'Officers with this role.' })
  @IsOptional()
  @IsIn(OFFICER_ROLES)
  role?: OfficerRole;
}

export class RegisterOfficerRequest {
  @ApiProperty({ example: 'Trần Thị Bình' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Chuyên viên Phòng Quản lý vận tải', description: 'Chức danh, as the control sheet and the national portal show it; tokens do not carry it.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ example: ['000.00.02.H56'], description: 'The agencies the officer acts for; replaced by their token\'s when they next sign in.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(AGENCY_CODE_PATTERN, { each: true, message: 'each agency code must look like 000.00.02.H56' })
  agencyCodes: string[];

  @ApiProperty({ enum: OFFICER_ROLES, isArray: true, example: ['specialist'], description: 'Replaced by their token\'s when they next sign in.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(OFFICER_ROLES, { each: true })
  roles: OfficerRole[];

  @ApiPropertyOptional({ default: true, description: 'false: kept in the directory but not assignable (leave, transfer).' })
  @IsOptional()
  @IsBoolean()
  active: boolean = true;
}

export class OfficerView {
  @ApiProperty({ example: 'specialist.stp' })
  subject: string;

  @ApiProperty({ type: String, nullable: true, example: 'Trần Thị Bình' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Chuyên viên', description: 'Chức danh: set by an administrator, else the usual title of the officer\'s role.' })
  title: string | null;

  @ApiProperty({ example: ['000.00.02.H56'] })
  agencyCodes: string[];

  @ApiProperty({ enum: OFFICER_ROLES, isArray: true, example: ['specialist'] })
  roles: OfficerRole[];

  @ApiProperty({ description: 'Whether cases may be assigned to the officer.' })
  active: boolean;

  @ApiProperty({ enum: ['token', 'admin'], description: 'Learnt from the officer\'s own sign-in, or registered by an administrator.' })
  source: 'token' | 'admin';

  @ApiProperty({ type: String, nullable: true, example: '2026-03-16T10:00:00+07:00', description: 'When the officer last called the system with their token.' })
  lastSeenAt: string | null;
}
