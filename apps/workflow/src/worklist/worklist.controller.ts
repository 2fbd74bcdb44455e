import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page } from '@onestop/platform';
import { WorklistQuery } from '../cases/case.dto.js';
import { WorklistItem } from '../cases/case.views.js';
import { WorklistService } from './worklist.service.js';
import { WorkflowAccess } from '../access-policy.js';

@ApiTags('cases')
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklists: WorklistService) {}

  @Get()
  @Access(WorkflowAccess.readWorklist)
  @ApiOperation({
    summary: 'The officer\'s worklist',
    description: [
      'Cases waiting at the steps of the caller\'s agencies, overdue first, then at risk, then by due date (the case\'s own `lateness` and `dueAt`). By default the kinds of step the caller\'s roles work on (reception: receive and return; specialists: appraise; leaders: all), at a step or with a result to return; `assigned=me` or `unassigned` narrows it.',
      'Each case also shows its current step\'s clock: `stepDueAt`, when the step\'s share of the time limit runs out, and `stepOverdue`, whether the unit has used it up, which can be so while the case as a whole is still on time (an inter-agency case whose first agency took longer than its share). `stepOverdue=true` lists only those, in the same order.',
    ].join('\n\n'),
  })
  @ApiPageResponse(WorklistItem, 'A page of cases.')
  @ApiProblems(400, 401, 403)
  worklist(@CurrentCaller() caller: Caller, @Query() query: WorklistQuery): Promise<Page<WorklistItem>> {
    return this.worklists.worklist(caller, query);
  }
}
