import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HandoversRepository } from '../control-sheet/handovers.repository.js';
import { StepClockPendingRepository } from '../lateness/step-clock-pending.repository.js';
import { Case } from './case.entity.js';
import { CasesRepository } from './cases.repository.js';

const REPOSITORIES = [CasesRepository, HandoversRepository, StepClockPendingRepository];

/**
 * The tables of a case, for every feature that reads or writes them: the case, its control
 * sheet's rows and its step clock still to compute. Actions write all three, the control sheet,
 * the worklist and the sweep read them, so they live here rather than in a feature the others import.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Case])],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class CaseRecordsModule {}
