import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { WorkflowConfig } from './config.js';
import { WORKFLOW_MIGRATIONS } from './migrations/index.js';
import { Case } from './cases/case.entity.js';
import { CasesModule } from './cases/cases.module.js';
import { ControlSheetModule } from './control-sheet/control-sheet.module.js';
import { FormsModule } from './forms/forms.module.js';
import { InternalModule } from './internal/internal.module.js';
import { LatenessModule } from './lateness/lateness.module.js';
import { OfficersModule } from './officers/officers.module.js';
import { PostalEventsModule } from './postal/postal-events.module.js';
import { WorklistModule } from './worklist/worklist.module.js';
import { ResultsModule } from './results/results.module.js';

/** Processing cases: steps, assignments, the clock, supplements, lateness, the control sheet, results. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'workflow', config: WorkflowConfig, entities: [Case], migrations: WORKFLOW_MIGRATIONS }),
    CasesModule,
    ControlSheetModule,
    FormsModule,
    InternalModule,
    LatenessModule,
    OfficersModule,
    PostalEventsModule,
    ResultsModule,
    WorklistModule,
  ],
})
export class WorkflowModule {}
