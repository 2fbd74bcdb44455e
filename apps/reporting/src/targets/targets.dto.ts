import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN, SERVICE_INDEX_COMPONENTS, TARGET_METRICS, type TargetMetric } from '@onestop/domain';

export class TargetsQuery {
  @ApiPropertyOptional({ description: 'Only targets set for this year.', example: 2022 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Only targets set for this agency; `province` for the province-wide ones.', example: 'province' })
  @IsOptional()
  @Matches(/^(province|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})$/, { message: 'agency must be an agency code such as 000.17.22.H56, or province' })
  agency?: string;
}

export class TargetValue {
  @ApiProperty({ enum: TARGET_METRICS, description: 'What the target is on (see the targets report for each formula).' })
  @IsIn(TARGET_METRICS)
  metric: TargetMetric;

  @ApiProperty({ type: Number, nullable: true, description: 'The share to reach, 0-1 (0.6 for 60%); null removes the target.', example: 0.6 })
  @ValidateIf((_object, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  value: number | null;
}

export class PutTargetsRequest {
  @ApiProperty({ description: 'The year the targets are set for; they hold for later years until replaced.', example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'An agency the targets are set for; absent or null for the whole province.', example: null })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @Matches(AGENCY_CODE_PATTERN, { message: 'agencyCode must be an agency code such as 000.17.22.H56' })
  agencyCode?: string | null;

  @ApiProperty({ type: [TargetValue] })
  @ValidateNested({ each: true })
  @Type(() => TargetValue)
  @ArrayMinSize(1)
  @ArrayMaxSize(TARGET_METRICS.length)
  targets: TargetValue[];
}

export class TargetView {
  @ApiProperty({ example: 2022 })
  year: number;

  @ApiProperty({ type: String, nullable: true, description: 'Null: the whole province.' })
  agencyCode: string | null;

  @ApiProperty({ enum: TARGET_METRICS })
  metric: string;

  @ApiProperty({ example: 'Hồ sơ nộp trực tuyến' })
  name: string;

  @ApiProperty({ example: 0.6 })
  value: number;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  updatedAt: string;

  @ApiProperty({ description: 'Who set it (`seed` for the defaults).', example: 'demo:admin' })
  updatedBy: string;
}

export class TargetList {
  @ApiProperty({ type: [TargetView] })
  items: TargetView[];
}

const COMPONENT_KEYS = SERVICE_INDEX_COMPONENTS.map((c) => c.key);

export class ServiceIndexComponentSetting {
  @ApiProperty({ enum: COMPONENT_KEYS })
  @IsIn(COMPONENT_KEYS)
  key: string;

  @ApiProperty({ description: 'Points the component is worth.', example: 8 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  points: number;

  @ApiProperty({ description: 'The value (0-1) that earns all the points, e.g. 0.5 for "full marks at 50%".', example: 0.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  fullMarksAt: number;
}

export class PutServiceIndexConfigRequest {
  @ApiProperty({ type: [ServiceIndexComponentSetting], description: 'Every component once; the points add up to 100.' })
  @ValidateNested({ each: true })
  @Type(() => ServiceIndexComponentSetting)
  @ArrayMinSize(COMPONENT_KEYS.length)
  @ArrayMaxSize(COMPONENT_KEYS.length)
  components: ServiceIndexComponentSetting[];
}

export class ServiceIndexComponentConfigView {
  @ApiProperty({ enum: COMPONENT_KEYS })
  key: string;

  @ApiProperty({ enum: ['publicity', 'progress', 'online', 'digitisation', 'satisfaction'] })
  group: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  formula: string;

  @ApiProperty({ example: 8 })
  points: number;

  @ApiProperty({ example: 0.5 })
  fullMarksAt: number;

  @ApiProperty({ description: 'Whether the system has the facts to compute it (false: the index shows it as null with the reason).' })
  measured: boolean;

  @ApiProperty()
  updatedAt: string;

  @ApiProperty()
  updatedBy: string;
}

export class ServiceIndexConfigView {
  @ApiProperty({ example: '766/QĐ-TTg' })
  decision: string;

  @ApiProperty({ example: 100 })
  totalPoints: number;

  @ApiProperty({ type: [ServiceIndexComponentConfigView] })
  components: ServiceIndexComponentConfigView[];
}
