import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { WorkflowConfig } from './config.js';
import { WORKFLOW_MIGRATIONS } from './migrations/index.js';

/** Processing cases: steps, assignments, the clock, supplements, lateness, the control sheet, results. */
@Module({
  imports: [PlatformModule.forService({ service: 'workflow', config: WorkflowConfig, entities: [], migrations: WORKFLOW_MIGRATIONS })],
})
export class WorkflowModule {}
