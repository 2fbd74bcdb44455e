import { Injectable, Logger } from '@nestjs/common';
import { ratio, type WorkingCalendar } from '@onestop/domain';
import { Clock, WorkingCalendarClient } from '@onestop/platform';
import { ReportingConfig } from '../config.js';
import { midnightOf } from '../drilldown/drilldown.repository.js';
import { periodView, previousYear, type ReportContext } from '../reports/report-context.js';
import type { ComplaintReportFigures, ComplaintsReport } from './complaints-report.dto.js';
import { ComplaintsReportRepository, type ComplaintTimes } from './complaints-report.repository.js';

/**
 * Complaints and petitions about procedures (phản ánh, kiến nghị): filed, answered, answered in
 * time (within the configured working days of the filing, on catalog's working-time calendar),
 * and those still unanswered at the end of the period, overdue or not.
 */
@Injectable()
export class ComplaintsReportService {
  private readonly logger = new Logger(ComplaintsReportService.name);

  constructor(
    private readonly repository: ComplaintsReportRepository,
    private readonly calendars: WorkingCalendarClient,
    private readonly config: ReportingConfig,
    private readonly clock: Clock,
  ) {}

  async report(context: ReportContext, compare?: 'previousYear'): Promise<ComplaintsReport> {
    const calendar = await this.calendars.calendar().catch((error: Error) => {
      this.logger.warn(`The working-time calendar could not be read; the complaints report answers without its in-time figures: ${error.message}`);
      return null;
    });
    const [report, previous] = await Promise.all([this.reportOf(context, calendar), compare ? this.reportOf(previousYear(context), calendar) : undefined]);
    return previous ? { ...report, previous } : report;
  }

  private async reportOf(context: ReportContext, calendar: WorkingCalendar | null): Promise<ComplaintsReport> {
    const [all, grouped] = await Promise.all([this.repository.inPeriod(context), context.groupBy ? this.repository.inPeriod(context, context.groupBy) : Promise.resolve([])]);
    const groups = new Map<string, ComplaintTimes[]>();
    for (const c of grouped) (groups.get(c.key ?? '') ?? groups.set(c.key ?? '', []).get(c.key ?? '')!).push(c);
    const figures = (complaints: ComplaintTimes[]) => this.figures(complaints, context, calendar);
    return {
      period: periodView(context),
      scope: context.scope,
      answerWorkingDays: this.config.COMPLAINT_ANSWER_WORKING_DAYS,
      groupBy: context.groupBy ?? null,
      rows: [...groups.keys()].sort().map((key) => ({ key, ...figures(groups.get(key)!) })),
      total: figures(all),
    };
  }

  private figures(complaints: ComplaintTimes[], context: ReportContext, calendar: WorkingCalendar | null): ComplaintReportFigures {
    const from = Date.parse(midnightOf(context.period.from));
    const end = Date.parse(midnightOf(context.asOf));
    const now = Math.min(end, this.clock.now().getTime());
    const limit = this.config.COMPLAINT_ANSWER_WORKING_DAYS;
    const deadline = (filedAt: Date) => (calendar ? calendar.addWorkingMinutes(new Date(filedAt), limit * calendar.minutesPerDay).getTime() : null);
    let filed = 0;
    let answered = 0;
    let inTime = 0;
    let unknown = 0;
    let unanswered = 0;
    let overdue = 0;
    for (const c of complaints) {
      const filedMs = c.filedAt ? new Date(c.filedAt).getTime() : null;
      const answeredMs = c.answeredAt ? new Date(c.answeredAt).getTime() : null;
      if (filedMs !== null && filedMs >= from && filedMs < end) filed++;
      if (answeredMs !== null && answeredMs >= from && answeredMs < end) {
        answered++;
        const due = filedMs === null ? null : deadline(c.filedAt!);
        if (due === null) unknown++;
        else if (answeredMs <= due) inTime++;
      }
      if (filedMs !== null && filedMs < end && (answeredMs === null || answeredMs >= end)) {
        unanswered++;
        const due = deadline(c.filedAt!);
        if (due !== null && due < now) overdue++;
      }
    }
    const known = calendar !== null && unknown === 0;
    return {
      filed,
      answered,
      answeredInTime: known ? inTime : null,
      answeredLate: known ? answered - inTime : null,
      unansweredAtEnd: unanswered,
      unansweredOverdue: calendar ? overdue : null,
      answeredInTimeShare: known ? ratio(inTime, answered) : null,
    };
  }
}
