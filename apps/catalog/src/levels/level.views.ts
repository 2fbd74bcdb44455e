import { ApiProperty } from '@nestjs/swagger';

export class LevelView {
  @ApiProperty({ example: 'province' })
  code: string;

  @ApiProperty({ example: 'Cấp tỉnh' })
  name: string;

  @ApiProperty({ example: 1, description: '1 is the highest level.' })
  rank: number;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Date from which the level no longer exists (the district level: 2025-07-01).' })
  abolishedFrom: string | null;
}
