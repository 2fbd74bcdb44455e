import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PROCEDURE_CODE_PATTERN } from '@onestop/domain';
import { IsInstant } from '@onestop/platform';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class OfficeSessionDto {
  @ApiProperty({ example: '07:00', description: 'Local time (Asia/Ho_Chi_Minh), HH:mm.' })
  @Matches(HH_MM, { message: 'start must be a time such as 07:00' })
  start: string;

  @ApiProperty({ example: '11:30' })
  @Matches(HH_MM, { message: 'end must be a time such as 11:30' })
  end: string;
}

export class OfficeHoursRequest {
  @ApiProperty({ type: [OfficeSessionDto], description: 'Working sessions of a day, in order, not overlapping.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => OfficeSessionDto)
  sessions: OfficeSessionDto[];

  @ApiProperty({ type: [Number], example: [6, 7], description: 'ISO weekdays that are not working days (6 Saturday, 7 Sunday).' })
  @IsArray()
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @IsIn([1, 2, 3, 4, 5, 6, 7], { each: true, message: 'weekendDays must hold ISO weekdays 1-7' })
  weekendDays: number[];
}

export const DAY_KINDS = ['holiday', 'compensatory', 'day_off', 'working_day'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export class CalendarDayRequest {
  @ApiProperty({
    enum: DAY_KINDS,
    example: 'working_day',
    description: 'holiday, compensatory (nghỉ bù) or day_off make the date a day off; working_day makes a weekend date a working day (day swap).',
  })
  @IsIn(DAY_KINDS)
  kind: DayKind;

  @ApiProperty({ example: 'Làm bù cho ngày nghỉ 02/5' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class CalendarYearQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class AppointmentQuery {
  @ApiProperty({ example: '2026-03-16T10:00:00+07:00', format: 'date-time', description: 'When the dossier was received: RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`.' })
  @IsInstant()
  receivedAt: string;

  @ApiPropertyOptional({ example: 10, description: 'Working days to add (one of workingDays, workingHours, workingMinutes, procedureCode).' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(3650)
  workingDays?: number;

  @ApiPropertyOptional({ example: 4, description: 'Working hours to add.' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(87600)
  workingHours?: number;

  @ApiPropertyOptional({ example: 4800, description: 'Working minutes to add (one working day is 480).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5_256_000)
  workingMinutes?: number;

  @ApiPropertyOptional({ example: '1.003560', description: 'Use the statutory time of this procedure\'s version in force at receipt.' })
  @IsOptional()
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedureCode must look like 1.003560' })
  procedureCode?: string;

  @ApiPropertyOptional({ example: '15:00', description: 'Received after this local time counts from the next working day (paper transfer: 15:00).' })
  @IsOptional()
  @Matches(HH_MM, { message: 'cutoff must be a time such as 15:00' })
  cutoff?: string;
}

export class WorkingTimeQuery {
  @ApiProperty({ example: '2026-03-13T16:00:00+07:00', format: 'date-time', description: 'RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an offset `±HH:MM`.' })
  @IsInstant()
  from: string;

  @ApiProperty({ example: '2026-03-16T08:00:00+07:00', format: 'date-time', description: 'RFC 3339, as `from`.' })
  @IsInstant()
  to: string;
}
