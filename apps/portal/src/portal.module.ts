import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { PortalConfig } from './config.js';
import { PORTAL_MIGRATIONS } from './migrations/index.js';

/** The National Public Service Portal connector (Cổng Dịch vụ công quốc gia): pushes dossiers and their progress in the portal's own format, takes the portal's dossiers, reports to the ministry's monitoring system (EMC). */
@Module({
  imports: [PlatformModule.forService({ service: 'portal', config: PortalConfig, entities: [], migrations: PORTAL_MIGRATIONS })],
  controllers: [],
  providers: [],
})
export class PortalModule {}
