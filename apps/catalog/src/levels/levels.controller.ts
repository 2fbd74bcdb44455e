import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, type Page } from '@onestop/platform';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AdministrativeLevel } from './level.entity.js';

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

@ApiTags('agencies')
@Controller('levels')
export class LevelsController {
  constructor(@InjectRepository(AdministrativeLevel) private readonly levels: Repository<AdministrativeLevel>) {}

  @Get()
  @ApiOperation({
    summary: 'List administrative levels',
    description: 'The levels agencies and procedures belong to, highest first: all of them on one page (a handful, fixed by law), so `nextCursor` is always null.',
  })
  @ApiPageResponse(LevelView, 'Every level.')
  async list(): Promise<Page<LevelView>> {
    const levels = await this.levels.find({ order: { rank: 'ASC' } });
    return { items: levels.map((level) => ({ code: level.code, name: level.name, rank: level.rank, abolishedFrom: level.abolishedFrom })), nextCursor: null };
  }
}
