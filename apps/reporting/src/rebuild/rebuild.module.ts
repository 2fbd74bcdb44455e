import { Module } from '@nestjs/common';
import { EventFeedsClient } from '../clients/event-feeds.client.js';
import { RebuildController } from './rebuild.controller.js';
import { RebuildRunsRepository } from './rebuild-runs.repository.js';
import { RebuildService } from './rebuild.service.js';

@Module({
  controllers: [RebuildController],
  providers: [RebuildService, RebuildRunsRepository, EventFeedsClient],
  exports: [RebuildService],
})
export class RebuildModule {}
