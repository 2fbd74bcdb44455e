import { Injectable, Logger } from '@nestjs/common';
import { type ProcedureContent, toLocalIsoDate } from '@onestop/domain';
import { ProblemException, ServiceClient, type ServiceResponse, WorkingCalendarClient } from '@onestop/platform';

/** The version of a procedure in force on a date, as catalog answers it. */
export interface ProcedureVersion {
  code: string;
  versionNo: number;
  acceptsDossiers: boolean;
  procedure: ProcedureContent;
}

export interface AgencySummary {
  code: string;
  name: string;
  onlineOnlyWeekdays: number[];
}

export interface Appointment {
  countingFrom: Date;
  appointmentAt: Date;
}

/**
 * How long reception reuses catalog's answer for a procedure in force or an agency. Reception
 * reads both for every dossier; a publishing decision or an agency's new online-only days
 * reach reception within this. Refusals (unknown procedure or agency) are never reused, so a
 * newly published procedure is received at once.
 */
export const CATALOG_ANSWER_CACHE_MS = 30_000;

/** Answers kept for CATALOG_ANSWER_CACHE_MS, with the lookups in flight shared. */
class ShortLivedCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expiresAt: number }>();

  constructor(private readonly maxEntries = 5_000) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { value, expiresAt: now + CATALOG_ANSWER_CACHE_MS });
    // A failed lookup is not an answer: the next request asks again.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

/** Reads what reception needs from catalog: procedure versions, agencies, the calendar. */
@Injectable()
export class CatalogClient {
  private readonly logger = new Logger('CatalogClient');

  private readonly procedures = new ShortLivedCache<ProcedureVersion>();
  private readonly agencies = new ShortLivedCache<AgencySummary>();

  constructor(
    private readonly client: ServiceClient,
    private readonly calendars: WorkingCalendarClient,
  ) {}

  procedureInForce(code: string, date: string): Promise<ProcedureVersion> {
    return this.procedures.get(`${code}@${date}`, () => this.fetchProcedureInForce(code, date));
  }

  agency(code: string): Promise<AgencySummary> {
    return this.agencies.get(code, () => this.fetchAgency(code));
  }

  private async fetchProcedureInForce(code: string, date: string): Promise<ProcedureVersion> {
    const response = await this.client.request<ProcedureVersion>('catalog', { path: `/api/v1/procedures/${encodeURIComponent(code)}`, query: { at: date } });
    if (response.status === 404) {
      const problem = response.body as unknown as { code?: string };
      const reason = problem.code === 'procedure-not-in-force' ? `procedure ${code} is not yet in force on ${date}` : `there is no procedure ${code}`;
      throw ProblemException.unprocessable('unknown-procedure', reason, [{ field: 'procedureCode', reason }]);
    }
    return this.ok(response, 'procedure');
  }

  /** One version of a procedure as published; a version never changes once published. */
  async procedureVersion(code: string, versionNo: number): Promise<ProcedureVersion> {
    const response = await this.client.request<ProcedureVersion>('catalog', { path: `/api/v1/procedures/${encodeURIComponent(code)}/versions/${versionNo}` });
    return this.ok(response, 'procedure version');
  }

  private async fetchAgency(code: string): Promise<AgencySummary> {
    const response = await this.client.request<AgencySummary>('catalog', { path: `/api/v1/agencies/${encodeURIComponent(code)}` });
    if (response.status === 404) {
      throw ProblemException.unprocessable('unknown-agency', `there is no agency ${code}`, [{ field: 'agencyCode', reason: `there is no agency ${code}` }]);
    }
    return this.ok(response, 'agency');
  }

  /**
   * The appointment date (hẹn trả) for `workingMinutes` of statutory time from a receipt,
   * counted on the calendar this service keeps; catalog counts it when the date falls past the
   * years that calendar knows.
   */
  async appointment(receivedAt: Date, workingMinutes: number): Promise<Appointment> {
    const { calendar, knownUntil } = await this.calendars.fetched();
    const appointmentAt = calendar.addWorkingMinutes(receivedAt, workingMinutes);
    if (toLocalIsoDate(appointmentAt) <= knownUntil) return { countingFrom: calendar.countingStart(receivedAt), appointmentAt };
    const response = await this.client.request<{ countingFrom: string; appointmentAt: string }>('catalog', {
      path: '/api/v1/calendar/appointment',
      query: { receivedAt: receivedAt.toISOString(), workingMinutes },
    });
    const counted = this.ok(response, 'appointment');
    return { countingFrom: new Date(counted.countingFrom), appointmentAt: new Date(counted.appointmentAt) };
  }

  private ok<T>(response: ServiceResponse<T>, what: string): T {
    if (response.status >= 200 && response.status < 300) return response.body;
    this.logger.error(`catalog answered ${response.status} for the ${what}: ${JSON.stringify(response.body).slice(0, 500)}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'The catalog could not answer; try again shortly.');
  }
}
