import { Module } from '@nestjs/common';
import { WorkingCalendarClient } from '@onestop/platform';
import { ReportContexts } from './report-context.js';
import { RollupReader } from './rollup-reader.js';

/** What every report reads with: the period and scope of a request, the roll-up reader, and catalog's working-time calendar (one cache for the whole service). */
@Module({
  providers: [ReportContexts, RollupReader, WorkingCalendarClient],
  exports: [ReportContexts, RollupReader, WorkingCalendarClient],
})
export class ReportBasicsModule {}
