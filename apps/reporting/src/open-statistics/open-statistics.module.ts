import { Module } from '@nestjs/common';
import { OpenStatisticsController } from './open-statistics.controller.js';
import { OpenStatisticsRepository } from './open-statistics.repository.js';
import { OpenStatisticsService } from './open-statistics.service.js';

/** The public summary per agency and month for the provincial portal. */
@Module({
  controllers: [OpenStatisticsController],
  providers: [OpenStatisticsService, OpenStatisticsRepository],
})
export class OpenStatisticsModule {}
