import { ApiProperty } from '@nestjs/swagger';

export class LevelCount {
  @ApiProperty({ example: 4 })
  level: number;

  @ApiProperty({ example: 904 })
  procedures: number;

  @ApiProperty({ description: 'Percentage of all procedures, two decimals.', example: 43.73 })
  percent: number;
}

export class OnlineServicesReport {
  @ApiProperty({ description: 'Procedures in the catalog.', example: 2067 })
  procedures: number;

  @ApiProperty({ type: [LevelCount], description: 'Procedures per online service level 1-4.' })
  byLevel: LevelCount[];

  @ApiProperty({ description: 'Full online (toàn trình) procedures.', example: 1018 })
  fullOnline: number;

  @ApiProperty({ description: 'Partial online (một phần) procedures.', example: 417 })
  partialOnline: number;

  @ApiProperty({ description: 'Procedures integrated on the National Public Service Portal.', example: 1500 })
  integratedNationalPortal: number;

  @ApiProperty({ description: 'Integrated share in percent, two decimals.', example: 72.57 })
  integratedNationalPortalPercent: number;
}
