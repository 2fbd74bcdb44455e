import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { ProceduresModule } from '../procedures/procedures.module.js';
import { DemoDataService } from './demo-data.service.js';

@Module({ imports: [ProceduresModule, CalendarModule], providers: [DemoDataService] })
export class DemoModule {}
