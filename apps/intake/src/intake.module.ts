import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { IntakeConfig } from './config.js';
import { INTAKE_MIGRATIONS } from './migrations/index.js';

/** Dossier reception on every channel, receipts, supplements, withdrawal, lookup, the national-portal feed. */
@Module({
  imports: [PlatformModule.forService({ service: 'intake', config: IntakeConfig, entities: [], migrations: INTAKE_MIGRATIONS })],
})
export class IntakeModule {}
