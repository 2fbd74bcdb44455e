import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformModule, WorkingCalendarClient } from '@onestop/platform';
import { WorkflowConfig } from './config.js';
import { WORKFLOW_MIGRATIONS } from './migrations/index.js';
import { Case } from './cases/case.entity.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesService } from './cases/cases.service.js';
import { ControlSheetService } from './control-sheet/control-sheet.service.js';
import { LatenessSweepService } from './lateness/lateness-sweep.service.js';
import { WorklistController } from './worklist/worklist.controller.js';
import { WorklistService } from './worklist/worklist.service.js';
import { ShipmentEventsHandler } from './postal/shipment-events.handler.js';
import { InternalWithdrawalController } from './internal/withdrawal.controller.js';

/** Processing cases: steps, assignments, the clock, supplements, lateness, the control sheet, results. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'workflow', config: WorkflowConfig, entities: [Case], migrations: WORKFLOW_MIGRATIONS }),
    TypeOrmModule.forFeature([Case]),
  ],
  controllers: [CasesController, WorklistController, InternalWithdrawalController],
  providers: [CasesService, WorkingCalendarClient, ControlSheetService, WorklistService, LatenessSweepService, ShipmentEventsHandler],
})
export class WorkflowModule {}
