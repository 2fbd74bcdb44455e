import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@onestop/platform';
import { AppointmentQuery, CalendarDayRequest, CalendarYearQuery, OfficeHoursRequest, WorkingTimeQuery } from './calendar.dto.js';
import { AppointmentView, CalendarDayView, CalendarYearView, WorkingTimeView } from './calendar.views.js';
import { CalendarService } from './calendar.service.js';
import { CatalogAccess } from '../access-policy.js';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({
    summary: 'Read the working-time calendar of a year',
    description: 'Office hours, weekend days, and every date that differs: public holidays (including Tết and Hùng Kings by the lunar calendar), compensatory days, extra days off and swapped working Saturdays.',
  })
  @ApiOkResponse({ type: CalendarYearView, description: 'The year.' })
  @ApiProblems(400)
  year(@Query() query: CalendarYearQuery): Promise<CalendarYearView> {
    return this.calendar.year(query.year);
  }

  @Get('appointment')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({
    summary: 'Compute an appointment date',
    description:
      'The appointment date (ngày hẹn trả) for something received at `receivedAt` plus a time counted in working hours: a receipt outside office hours counts from the next working session; with `cutoff`, one after that local time counts from the next working day.',
  })
  @ApiOkResponse({ type: AppointmentView, description: 'When counting starts and the appointment.' })
  @ApiProblems(400, 404)
  appointment(@Query() query: AppointmentQuery): Promise<AppointmentView> {
    return this.calendar.appointment(query);
  }

  @Get('working-time')
  @Access(CatalogAccess.readCatalog)
  @ApiOperation({ summary: 'Working time between two instants', description: 'Counts only office hours of working days.' })
  @ApiOkResponse({ type: WorkingTimeView, description: 'The working time.' })
  @ApiProblems(400)
  workingTime(@Query() query: WorkingTimeQuery): Promise<WorkingTimeView> {
    return this.calendar.workingTime(query.from, query.to);
  }

  @Put('office-hours')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Set office hours and weekend days', description: 'Admin only. Intake\'s appointment dates and workflow\'s clock count with the new hours within 5 minutes (they keep the calendar that long).' })
  @ApiOkResponse({ type: CalendarYearView, description: 'The current year with the new hours.' })
  @ApiProblems(400, 401, 403, 422)
  officeHours(@Body() request: OfficeHoursRequest): Promise<CalendarYearView> {
    return this.calendar.setOfficeHours(request);
  }

  @Put('days/:date')
  @Access(CatalogAccess.manageCatalog)
  @ApiOperation({ summary: 'Set a date', description: 'Admin only. An extra day off, or a weekend day made a working day (the government\'s yearly day swaps). Replaces the statutory rule for that date. Intake\'s appointment dates and workflow\'s clock count with it within 5 minutes (they keep the calendar that long).' })
  @ApiParam({ name: 'date', example: '2026-05-09' })
  @ApiOkResponse({ type: CalendarDayView, description: 'The date as set.' })
  @ApiProblems(400, 401, 403)
  setDay(@Param('date') date: string, @Body() request: CalendarDayRequest): Promise<CalendarDayView> {
    return this.calendar.setDay(date, request);
  }

  @Delete('days/:date')
  @Access(CatalogAccess.manageCatalog)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an administrator\'s setting of a date', description: 'Admin only. The statutory rule for the date applies again.' })
  @ApiParam({ name: 'date', example: '2026-05-09' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  clearDay(@Param('date') date: string): Promise<void> {
    return this.calendar.clearDay(date);
  }
}
