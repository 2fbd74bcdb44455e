import { Injectable, Logger } from '@nestjs/common';
import { DOSSIER_STOCK_MEASURES, formatLocal, orderedStatuses, type WorkingCalendar } from '@onestop/domain';
import { type Caller, Clock, decodeCursor, type Page, type PageQuery, toPage, WorkingCalendarClient } from '@onestop/platform';
import { ProcedureFactsRepository } from '../online-services/procedure-facts.repository.js';
import { ReportContexts, type ReportContext } from '../reports/report-context.js';
import type { ReportQuery } from '../reports/report-query.dto.js';
import { drilldownColumn, type DrilldownColumn, type DrilldownReport } from './drilldown-columns.js';
import type { DrilldownDossier } from './drilldown.dto.js';
import { DrilldownRepository, type DrilldownRow, midnightOf } from './drilldown.repository.js';

const local = (value: Date | string | null): string | null => (value === null ? null : formatLocal(new Date(value)));
const hours = (minutes: number) => `${Math.round(minutes / 6) / 10} working hours`;
const STOCK_WORDS: Record<(typeof DOSSIER_STOCK_MEASURES)[number], string> = {
  open_within_time: 'in progress within time',
  open_overdue: 'in progress, overdue',
  open_awaiting_supplement: 'waiting for the applicant\'s supplement',
};
const CHANNEL_WORDS: Record<string, string> = { online: 'online', counter: 'at the counter', post: 'by public post' };

/** A failed read of the calendar is not retried on every page for this long: the lists answer without working minutes meanwhile. */
const CALENDAR_RETRY_MS = 60_000;

/** The dossier's state at local midnight of a day, from its own contributions (the roll-ups' arithmetic, for one dossier). */
export function stockAt(row: Pick<DrilldownRow, 'applied'>, day: string): (typeof DOSSIER_STOCK_MEASURES)[number] | null {
  for (const measure of DOSSIER_STOCK_MEASURES) {
    const n = (row.applied ?? []).reduce((sum, [d, m, k]) => (m === measure && d < day ? sum + k : sum), 0);
    if (n > 0) return measure;
  }
  return null;
}

/**
 * The lists behind the reports' figures: the facts a cell counts, read with the report's own
 * period, scope and access rules, each with why it is there.
 */
@Injectable()
export class DrilldownService {
  private readonly logger = new Logger(DrilldownService.name);
  private calendarFailedAt = 0;

  constructor(
    private readonly repository: DrilldownRepository,
    private readonly contexts: ReportContexts,
    private readonly procedureFacts: ProcedureFactsRepository,
    private readonly calendars: WorkingCalendarClient,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller | undefined, report: DrilldownReport, query: ReportQuery & PageQuery & { column: string }): Promise<Page<DrilldownDossier>> {
    const context = this.contexts.build(caller, query);
    const column = drilldownColumn(report, query.column)!;
    const after = query.cursor ? decodeCursor(query.cursor, { at: 'instant', code: 'string' }) : undefined;
    const rows = await this.repository.page(column, context, query.limit + 1, after);
    const page = toPage(rows, query.limit, (last) => ({ at: new Date(last.anchor).toISOString(), code: last.dossier_code }));
    const codes = [...new Set(page.items.map((r) => r.procedure_code))];
    const needsCalendar = page.items.some((r) => r.finish_class === 'late' || r.state === 'in_progress' || stockAt(r, context.asOf) === 'open_overdue');
    const [names, calendar] = await Promise.all([codes.length ? this.procedureFacts.names(codes) : new Map<string, string>(), needsCalendar ? this.calendar() : null]);
    return { items: page.items.map((row) => this.view(row, column, context, names, calendar)), nextCursor: page.nextCursor };
  }

  private async calendar(): Promise<WorkingCalendar | null> {
    if (Date.now() - this.calendarFailedAt < CALENDAR_RETRY_MS) return null;
    try {
      return await this.calendars.calendar();
    } catch (error) {
      this.calendarFailedAt = Date.now();
      this.logger.warn(`The working-time calendar could not be read; lists answer without working minutes for a minute: ${(error as Error).message}`);
      return null;
    }
  }

  private view(row: DrilldownRow, column: DrilldownColumn, context: ReportContext, names: Map<string, string>, calendar: WorkingCalendar | null): DrilldownDossier {
    const start = midnightOf(context.period.from);
    // The end of the period, or now when the period is not over.
    const endMs = Math.min(Date.parse(midnightOf(context.asOf)), this.clock.now().getTime());
    const explained = explain(row, column, { fromDay: context.period.from, endDay: context.asOf, start, endMs }, calendar);
    return {
      code: row.dossier_code,
      procedureCode: row.procedure_code,
      procedureName: names.get(row.procedure_code) ?? null,
      competentAgencyCode: row.competent_agency_code,
      receivingAgencyCode: row.receiving_agency_code,
      fieldCode: row.field_code,
      levelCode: row.level_code,
      channel: row.channel,
      receivedAt: local(row.received_at)!,
      dueAt: local(row.due_at),
      finishedAt: row.state === 'finished' ? local(row.closed_at) : null,
      closedAt: local(row.closed_at),
      state: row.state,
      ...explained,
      ...(column.reason === 'rating' && row.rating_score !== null ? { ratingScore: row.rating_score } : {}),
    };
  }
}

interface Bounds {
  fromDay: string;
  endDay: string;
  start: string;
  endMs: number;
}

type Explained = Pick<DrilldownDossier, 'reason' | 'workingMinutesLate' | 'awaitingSupplementSince'>;

/** The due date in force at an instant: the receipt's, moved by each status change before it. */
function dueAtInstant(row: DrilldownRow, instantMs: number): string | null {
  let due = row.initial_due_at ? new Date(row.initial_due_at).toISOString() : null;
  for (const change of orderedStatuses(row.statuses ?? [])) {
    if (Date.parse(change.at) >= instantMs) break;
    if (change.dueAt) due = change.dueAt;
  }
  return due;
}

/** The last request for a supplement before an instant (the wait it is in then). */
function supplementSince(row: DrilldownRow, instantMs: number, first = false): string | null {
  const asked = orderedStatuses(row.statuses ?? []).filter((s) => s.status === 'supplement_requested' && Date.parse(s.at) < instantMs);
  const pick = first ? asked[0] : asked[asked.length - 1];
  return pick ? local(pick.at) : null;
}

function explain(row: DrilldownRow, column: DrilldownColumn, b: Bounds, calendar: WorkingCalendar | null): Explained {
  const none = { workingMinutesLate: null, awaitingSupplementSince: null };
  const received = `Received ${local(row.received_at)} ${CHANNEL_WORDS[row.channel] ?? row.channel}`;
  const finished = (): Explained => {
    const at = local(row.closed_at);
    if (row.finish_class === 'late') {
      const minutes = calendar && row.due_at ? calendar.workingMinutesBetween(new Date(row.due_at), new Date(row.closed_at!)) : null;
      return { ...none, workingMinutesLate: minutes, reason: `Result issued ${at}, after its due date ${local(row.due_at)}${minutes === null ? '' : ` (late by ${hours(minutes)})`}.` };
    }
    const how = row.finish_class === 'early' ? 'early: on a day before its due date' : 'on time: on its due day';
    return { ...none, reason: `Result issued ${at}, ${how} ${local(row.due_at)}.` };
  };
  const open = (day: string, instantMs: number, when: string): Explained => {
    const state = stockAt(row, day);
    if (state === 'open_awaiting_supplement') {
      const since = supplementSince(row, instantMs);
      return { ...none, awaitingSupplementSince: since, reason: `${received}; ${when}: waiting for the applicant's supplement since ${since}.` };
    }
    const due = dueAtInstant(row, instantMs);
    if (state === 'open_overdue') {
      const minutes = calendar && due ? calendar.workingMinutesBetween(new Date(due), new Date(instantMs)) : null;
      return { ...none, workingMinutesLate: minutes, reason: `${received}; ${when}: in progress, overdue since ${local(due)}${minutes === null ? '' : ` (by ${hours(minutes)})`}.` };
    }
    return { ...none, reason: `${received}; ${when}: ${state ? STOCK_WORDS[state] : 'open'}, due ${local(due)}.` };
  };
  const atStart = () => open(b.fromDay, Date.parse(b.start), `open at the start of the period (${b.fromDay})`);
  const atEnd = () => open(b.endDay, b.endMs, `open at the end (${b.endDay})`);
  const closedInPeriod = row.closed_at !== null && new Date(row.closed_at).getTime() >= Date.parse(b.start) && new Date(row.closed_at).getTime() < Date.parse(midnightOf(b.endDay));
  switch (column.reason) {
    case 'received':
      return { ...none, reason: `${received}${row.channel === 'counter' && column.key === 'onTheSpotEligible' ? ', eligible for "4 tại chỗ"' : ''}.` };
    case 'carriedOver':
      return atStart();
    case 'handled':
      return Date.parse(new Date(row.received_at).toISOString()) >= Date.parse(b.start) ? { ...none, reason: `${received}, in the period.` } : atStart();
    case 'finished':
      return finished();
    case 'closed':
      return { ...none, reason: `${row.state === 'withdrawn' ? 'Withdrawn by the applicant' : row.state === 'refused' ? 'Refused' : 'Processing stopped'} ${local(row.closed_at)}.` };
    case 'inProgress':
      return atEnd();
    case 'supplementRequested': {
      const since = supplementSince(row, b.endMs, true);
      return { ...none, awaitingSupplementSince: since, reason: `Returned to the applicant for a supplement ${since} (first request).` };
    }
    case 'result':
      return { ...none, reason: `Result ready ${local(row.result_ready_at)}, ${row.result_kind === 'electronic' ? 'electronic' : 'on paper'}, returned ${row.result_delivery_method === 'post' ? 'by post' : row.result_delivery_method === 'online' ? 'online' : 'at the counter'}.` };
    case 'postal': {
      const [what, at] =
        column.anchor === 'sent_by_post_at' ? ['Result sent by post', row.sent_by_post_at] : column.anchor === 'delivered_by_post_at' ? ['Result delivered by post', row.delivered_by_post_at] : ['Result brought back to the agency by post, undelivered,', row.returned_to_agency_by_post_at];
      return { ...none, reason: `${what} ${local(at)}.` };
    }
    case 'rating':
      return { ...none, reason: `Rated ${row.rating_score} of 5 on ${local(row.rated_at)}.` };
    case 'judged':
    case 'onTimeOrWithinTime':
    case 'lateOrOverdue':
      return closedInPeriod ? finished() : atEnd();
  }
}
