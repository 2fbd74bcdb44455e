import { ProcedureLinks } from '../drilldown/drilldown-links.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RatioView } from '../reports/ratio.view.js';
import { ReportPeriodView, ReportScope } from '../reports/report-context.js';

export class LevelCount {
  @ApiProperty({ example: 4 })
  level: number;

  @ApiProperty({ example: 904 })
  procedures: number;

  @ApiProperty({ description: 'Percentage of all procedures rounded to two decimals, for display; the exact share is in `shares.byLevel`.', example: 43.73 })
  percent: number;
}

export class LevelShare extends RatioView {
  @ApiProperty({ example: 4 })
  level: number;
}

export class CatalogShares {
  @ApiProperty({ type: [LevelShare], description: 'Procedures per online level (1-4) ÷ procedures in force.' })
  byLevel: LevelShare[];

  @ApiProperty({ type: RatioView, description: 'Online services (levels 3-4, full or partial online) ÷ procedures in force.' })
  onlineServices: RatioView;

  @ApiProperty({ type: RatioView, description: 'Full online (toàn trình, Decree 42/2022) ÷ procedures in force.' })
  fullOnline: RatioView;

  @ApiProperty({ type: RatioView, description: 'Partial online (một phần) ÷ procedures in force.' })
  partialOnline: RatioView;

  @ApiProperty({ type: RatioView, description: 'Full online ÷ online services.' })
  fullAmongOnlineServices: RatioView;

  @ApiProperty({ type: RatioView, description: 'Level 4 ÷ online services (levels 3-4).' })
  level4AmongOnlineServices: RatioView;

  @ApiProperty({ type: RatioView, description: 'Integrated on the National Public Service Portal ÷ procedures in force.' })
  integratedNationalPortal: RatioView;

  @ApiProperty({ type: RatioView, description: 'Eligible for "4 tại chỗ" ÷ procedures in force.' })
  onTheSpotEligible: RatioView;
}

/** A procedure one of the online-service statistics' figures counts. */
export class DrilldownProcedure {
  @ApiProperty({ example: '1.003560' })
  code: string;

  @ApiProperty({ example: 'Cấp giấy phép lái xe' })
  name: string;

  @ApiProperty({ example: 'GT-DB' })
  fieldCode: string;

  @ApiProperty({ example: 'province' })
  levelCode: string;

  @ApiProperty({ example: '000.17.22.H56' })
  competentAgencyCode: string;

  @ApiProperty({ description: 'Online service level 1-4.', example: 4 })
  onlineLevel: number;

  @ApiProperty({ enum: ['full', 'partial', 'none'] })
  onlineMode: string;

  @ApiProperty()
  integratedNationalPortal: boolean;

  @ApiProperty()
  onTheSpotEligible: boolean;
}

export class OnlineServicesReport {
  @ApiProperty({ description: 'Procedures in force on `catalogDate`.', example: 2067 })
  procedures: number;

  @ApiProperty({ type: [LevelCount], description: 'Procedures per online service level 1-4.' })
  byLevel: LevelCount[];

  @ApiProperty({ description: 'Full online (toàn trình) procedures.', example: 1018 })
  fullOnline: number;

  @ApiProperty({ description: 'Partial online (một phần) procedures.', example: 417 })
  partialOnline: number;

  @ApiProperty({ description: 'Procedures integrated on the National Public Service Portal.', example: 1500 })
  integratedNationalPortal: number;

  @ApiProperty({ description: 'Integrated share in percent rounded to two decimals, for display; the exact share is `shares.integratedNationalPortal`.', example: 72.57 })
  integratedNationalPortalPercent: number;

  @ApiProperty({ type: ReportPeriodView })
  period: ReportPeriodView;

  @ApiProperty({ description: 'The catalog is read as it stood on this day: the period\'s last day, or today for a period not over yet.', example: '2025-12-31' })
  catalogDate: string;

  @ApiProperty({ type: ReportScope })
  scope: ReportScope;

  @ApiProperty({ type: CatalogShares })
  shares: CatalogShares;

  @ApiProperty({
    type: RatioView,
    nullable: true,
    description:
      'Online services (levels 3-4) in force on `catalogDate` that received at least one dossier online in the period ÷ online services. Null unless the caller reads reports (viewer, leader, admin).',
  })
  onlineServicesWithOnlineDossier: RatioView | null;

  @ApiPropertyOptional({ description: 'Why `onlineServicesWithOnlineDossier` is missing.' })
  usageNote?: string;

  @ApiProperty({
    type: ProcedureLinks,
    description: 'Each count\'s list of the procedures it counts (`GET /reports/online-services/procedures`, the same catalog day and scope), exactly as long as the figure; `onlineWithOnlineDossier` for report readers only.',
  })
  links: Record<string, string>;
}
