import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'List administrative levels', description: 'The levels agencies and procedures belong to, highest first.' })
  @ApiOkResponse({ type: [LevelView], description: 'All levels.' })
  async list(): Promise<LevelView[]> {
    return this.levels.find({ order: { rank: 'ASC' } });
  }
}
