import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { ReportingConfig } from './config.js';
import { REPORTING_MIGRATIONS } from './migrations/index.js';
import { OnlineServicesModule } from './online-services/online-services.module.js';

/** Facts fed by events, and the reports leaders read. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'reporting', config: ReportingConfig, entities: [], migrations: REPORTING_MIGRATIONS }),
    OnlineServicesModule,
  ],
})
export class ReportingModule {}
