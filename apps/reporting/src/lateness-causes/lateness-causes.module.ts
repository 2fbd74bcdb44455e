import { Module } from '@nestjs/common';
import { ReportBasicsModule } from '../reports/report-basics.module.js';
import { LatenessCausesController } from './lateness-causes.controller.js';
import { LatenessCausesRepository } from './lateness-causes.repository.js';
import { LatenessCausesService } from './lateness-causes.service.js';

/** The causes of lateness per agency (nguyên nhân trễ hạn). */
@Module({
  imports: [ReportBasicsModule],
  controllers: [LatenessCausesController],
  providers: [LatenessCausesService, LatenessCausesRepository],
})
export class LatenessCausesModule {}
