import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, type Page } from '@onestop/platform';
import { LevelView } from './level.views.js';
import { LevelsRepository } from './levels.repository.js';
import { CatalogAccess } from '../access-policy.js';

@ApiTags('agencies')
@Controller('levels')
export class LevelsController {
  constructor(private readonly levels: LevelsRepository) {}

  @Get()
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({
    summary: 'List administrative levels',
    description: 'The levels agencies and procedures belong to, highest first: all of them on one page (a handful, fixed by law), so `nextCursor` is always null.',
  })
  @ApiPageResponse(LevelView, 'Every level.')
  async list(): Promise<Page<LevelView>> {
    const levels = await this.levels.all();
    return { items: levels.map((level) => ({ code: level.code, name: level.name, rank: level.rank, abolishedFrom: level.abolishedFrom })), nextCursor: null };
  }
}
