import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { FieldsModule } from '../fields/fields.module.js';
import { ProceduresModule } from '../procedures/procedures.module.js';
import { DemoDataLoadsRepository } from './demo-data-loads.repository.js';
import { DemoDataService } from './demo-data.service.js';

@Module({ imports: [ProceduresModule, CalendarModule, AgenciesModule, FieldsModule], providers: [DemoDataService, DemoDataLoadsRepository] })
export class DemoModule {}
