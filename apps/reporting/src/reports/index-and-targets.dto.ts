import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TARGET_METRICS } from '@onestop/domain';
import { RatioView } from './ratio.view.js';
import { ReportCoverage, ReportPeriodView, ReportScope } from './report-context.js';

export class ServiceIndexParts {
  @ApiProperty({ type: RatioView, description: '(finished late + in progress overdue) ÷ (finished + in progress).' })
  overdue: RatioView;

  @ApiProperty({ type: RatioView, description: 'Complaints filed ÷ dossiers received.' })
  complained: RatioView;
}

export class ServiceIndexComponentLinks {
  @ApiPropertyOptional({ description: 'The dossiers, results or procedures (`GET /reports/online-services/procedures`) behind `measure.numerator`.', example: '/api/v1/reports/service-index/dossiers?from=2025-01-01&to=2025-12-31&column=onTimeOrWithinTime' })
  numerator?: string;

  @ApiPropertyOptional({ description: 'The dossiers or results behind `measure.denominator`.', example: '/api/v1/reports/service-index/dossiers?from=2025-01-01&to=2025-12-31&column=judged' })
  denominator?: string;

  @ApiPropertyOptional({ description: 'Satisfaction: the dossiers behind `parts.overdue.numerator` (finished late or overdue at the end).' })
  overdueNumerator?: string;

  @ApiPropertyOptional({ description: 'Satisfaction: the dossiers behind `parts.overdue.denominator`.' })
  overdueDenominator?: string;

  @ApiPropertyOptional({ description: 'Satisfaction: the dossiers behind `parts.complained.denominator` (received in the period).' })
  complainedDenominator?: string;
}

export class ServiceIndexComponentChange {
  @ApiProperty({ type: Number, nullable: true, description: 'value − the previous year\'s value (null when either is not measured).', example: 0.042 })
  value: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'points − the previous year\'s points.', example: 0.67 })
  points: number | null;
}

export class ServiceIndexComponentView {
  @ApiProperty({ example: 'online.dossiersOnline' })
  key: string;

  @ApiProperty({ enum: ['publicity', 'progress', 'online', 'digitisation', 'satisfaction'] })
  group: string;

  @ApiProperty({ example: 'Dịch vụ trực tuyến: tỷ lệ hồ sơ nộp trực tuyến' })
  name: string;

  @ApiProperty({ description: 'How the value is computed.' })
  formula: string;

  @ApiProperty({ description: 'Points the component is worth (configuration).', example: 8 })
  maxPoints: number;

  @ApiProperty({ description: 'The value that earns all the points (configuration), 0-1.', example: 0.5 })
  fullMarksAt: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The measured value, 0-1, unrounded; null when not measured.' })
  value: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'maxPoints × min(1, value ÷ fullMarksAt); null when not measured.' })
  points: number | null;

  @ApiProperty({ type: RatioView, nullable: true, description: 'The numerator and denominator behind `value` (null for a composite value or when not measured).' })
  measure: RatioView | null;

  @ApiPropertyOptional({ type: ServiceIndexParts, description: 'The parts of the satisfaction value.' })
  parts?: ServiceIndexParts;

  @ApiPropertyOptional({ type: RatioView, description: 'Publicity, once the national portal connector synchronises: dossiers received in the period that the portal has taken ÷ dossiers received; `value` is then the mean of this share and `measure`.' })
  synchronisation?: RatioView;

  @ApiPropertyOptional({ description: 'Why there is no value.' })
  reason?: string;

  @ApiProperty({
    type: ServiceIndexComponentLinks,
    description: 'The lists of the dossiers (`GET /reports/service-index/dossiers`) or procedures (`GET /reports/online-services/procedures`) behind the figures, each exactly as long as its figure; the procedures in force for the components computed from the catalog; empty for those not measured.',
  })
  links: ServiceIndexComponentLinks;

  @ApiPropertyOptional({ type: ServiceIndexComponentChange, description: 'With `compare=previousYear`: the change from the same days a year earlier.' })
  change?: ServiceIndexComponentChange;
}

export class ServiceIndexReport {
  @ApiProperty({ example: '766/QĐ-TTg' })
  decision: string;

  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;

  @ApiProperty({ description: 'Points earned by the measured components, unrounded.' })
  points: number;

  @ApiProperty({ description: 'All the points of the index (the configured weights add up to 100).' })
  maxPoints: number;

  @ApiProperty({ description: 'Points the measured components are worth: compare `points` with this until every component is measured.' })
  measuredMaxPoints: number;

  @ApiProperty({ type: [ServiceIndexComponentView] })
  components: ServiceIndexComponentView[];

  @ApiPropertyOptional({ description: 'With `compare=previousYear`: points − the previous year\'s points.' })
  pointsChange?: number;

  @ApiPropertyOptional({ type: () => ServiceIndexReport, description: 'With `compare=previousYear`: the index of the same days a year earlier.' })
  previous?: ServiceIndexReport;
}

export class TargetInForce {
  @ApiProperty({ description: 'The share to reach, 0-1.', example: 0.6 })
  value: number;

  @ApiProperty({ description: 'The year it was set for; it holds for later years until replaced.', example: 2022 })
  setForYear: number;

  @ApiProperty({ nullable: true, type: String, description: 'The agency it was set for; null for the whole province.' })
  agencyCode: string | null;
}

export class TargetComparison {
  @ApiProperty({ enum: TARGET_METRICS })
  metric: string;

  @ApiProperty({ example: 'Hồ sơ nộp trực tuyến' })
  name: string;

  @ApiProperty()
  formula: string;

  @ApiProperty({ type: TargetInForce, nullable: true, description: 'Null when no target is set for this metric.' })
  target: TargetInForce | null;

  @ApiProperty({ type: RatioView })
  actual: RatioView;

  @ApiProperty({ type: Boolean, nullable: true, description: 'actual.ratio ≥ target.value; null without a target or an actual.' })
  met: boolean | null;

  @ApiProperty({ type: Number, nullable: true, description: 'actual.ratio − target.value (negative: short of it).' })
  gap: number | null;
}

export class TargetsReport extends ReportCoverage {
  @ApiProperty({ description: 'The year whose targets apply: the year of the period\'s last day.', example: 2025 })
  year: number;

  @ApiProperty({ type: [TargetComparison] })
  items: TargetComparison[];
}
