import { Module } from '@nestjs/common';
import { ReportContexts } from './report-context.js';
import { RollupReader } from './rollup-reader.js';

/** What every report reads with: the period and scope of a request, and the roll-up reader. */
@Module({
  providers: [ReportContexts, RollupReader],
  exports: [ReportContexts, RollupReader],
})
export class ReportBasicsModule {}
