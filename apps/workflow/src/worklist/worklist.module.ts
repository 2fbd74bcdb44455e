import { Module } from '@nestjs/common';
import { CaseRecordsModule } from '../cases/case-records.module.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistService } from './worklist.service.js';

/** What waits for an officer's unit. */
@Module({
  imports: [CaseRecordsModule],
  controllers: [WorklistController],
  providers: [WorklistService],
})
export class WorklistModule {}
