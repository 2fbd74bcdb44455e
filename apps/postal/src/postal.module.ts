import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { PostalConfig } from './config.js';
import { POSTAL_MIGRATIONS } from './migrations/index.js';

/** Public-postal shipments: dossier pickup and result delivery, carrier adapters, tracking. */
@Module({
  imports: [PlatformModule.forService({ service: 'postal', config: PostalConfig, entities: [], migrations: POSTAL_MIGRATIONS })],
})
export class PostalModule {}
