import { ApiProperty } from '@nestjs/swagger';
import { DAY_KINDS, type DayKind, OfficeSessionDto } from './calendar.dto.js';

export class CalendarDayView {
  @ApiProperty({ example: '2026-02-17' })
  date: string;

  @ApiProperty({ enum: DAY_KINDS, example: 'holiday' })
  kind: DayKind;

  @ApiProperty({ example: 'Tết Nguyên đán' })
  name: string;

  @ApiProperty({ enum: ['rule', 'override'], example: 'rule', description: 'From the statutory rules, or set by an administrator.' })
  source: 'rule' | 'override';
}

export class CalendarYearView {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ type: [OfficeSessionDto] })
  sessions: OfficeSessionDto[];

  @ApiProperty({ type: [Number], example: [6, 7] })
  weekendDays: number[];

  @ApiProperty({ example: 480, description: 'Working minutes in a working day.' })
  minutesPerDay: number;

  @ApiProperty({ type: [CalendarDayView], description: 'Dates that differ from the weekly pattern.' })
  days: CalendarDayView[];
}

export class AppointmentView {
  @ApiProperty({ example: '2026-03-16T10:00:00+07:00' })
  receivedAt: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+07:00', description: 'When the clock starts: the receipt itself within office hours, otherwise the next working session.' })
  countingFrom: string;

  @ApiProperty({ example: 4800, description: 'Working minutes added.' })
  workingMinutes: number;

  @ApiProperty({ example: '2026-03-30T10:00:00+07:00', description: 'The appointment date (ngày hẹn trả).' })
  appointmentAt: string;
}

export class WorkingTimeView {
  @ApiProperty({ example: '2026-03-13T16:00:00+07:00' })
  from: string;

  @ApiProperty({ example: '2026-03-16T08:00:00+07:00' })
  to: string;

  @ApiProperty({ example: 120 })
  workingMinutes: number;

  @ApiProperty({ example: 2 })
  workingHours: number;
}
