import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { CatalogConfig } from './config.js';
import { CATALOG_MIGRATIONS } from './migrations/index.js';
import { Procedure } from './procedures/procedure.entity.js';
import { ProceduresModule } from './procedures/procedures.module.js';

/** Agencies, fields, procedures and their versions, the working-time calendar. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'catalog', config: CatalogConfig, entities: [Procedure], migrations: CATALOG_MIGRATIONS }),
    ProceduresModule,
  ],
})
export class CatalogModule {}
