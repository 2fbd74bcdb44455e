import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';

@Module({ imports: [ProceduresModule], controllers: [CalendarController], providers: [CalendarService, CalendarRepository], exports: [CalendarService] })
export class CalendarModule {}
