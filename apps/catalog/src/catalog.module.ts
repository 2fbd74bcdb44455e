import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { CatalogConfig } from './config.js';
import { CATALOG_MIGRATIONS } from './migrations/index.js';
import { AdministrativeLevel } from './levels/level.entity.js';
import { Agency } from './agencies/agency.entity.js';
import { Field } from './fields/field.entity.js';
import { Procedure } from './procedures/procedure.entity.js';
import { ProcedureVersion } from './procedures/procedure-version.entity.js';
import { LevelsModule } from './levels/levels.module.js';
import { AgenciesModule } from './agencies/agencies.module.js';
import { FieldsModule } from './fields/fields.module.js';
import { ProceduresModule } from './procedures/procedures.module.js';
import { SyncModule } from './sync/sync.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { DemoModule } from './demo/demo.module.js';

/** Agencies, fields, procedures and their versions, the working-time calendar. */
@Module({
  imports: [
    PlatformModule.forService({
      service: 'catalog',
      config: CatalogConfig,
      entities: [AdministrativeLevel, Agency, Field, Procedure, ProcedureVersion],
      migrations: CATALOG_MIGRATIONS,
    }),
    LevelsModule,
    AgenciesModule,
    FieldsModule,
    ProceduresModule,
    SyncModule,
    CalendarModule,
    DemoModule,
  ],
})
export class CatalogModule {}
