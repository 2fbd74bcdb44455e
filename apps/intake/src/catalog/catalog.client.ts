import { Injectable, Logger } from '@nestjs/common';
import type { ProcedureContent } from '@onestop/domain';
import { ProblemException, ServiceClient, type ServiceResponse } from '@onestop/platform';

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
  countingFrom: string;
  appointmentAt: string;
}

/** Reads what reception needs from catalog: procedure versions, agencies, the calendar. */
@Injectable()
export class CatalogClient {
  private readonly logger = new Logger('CatalogClient');

  constructor(private readonly client: ServiceClient) {}

  async procedureInForce(code: string, date: string): Promise<ProcedureVersion> {
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

  async agency(code: string): Promise<AgencySummary> {
    const response = await this.client.request<AgencySummary>('catalog', { path: `/api/v1/agencies/${encodeURIComponent(code)}` });
    if (response.status === 404) {
      throw ProblemException.unprocessable('unknown-agency', `there is no agency ${code}`, [{ field: 'agencyCode', reason: `there is no agency ${code}` }]);
    }
    return this.ok(response, 'agency');
  }

  /** The appointment date for `workingMinutes` of statutory time from a receipt. */
  async appointment(receivedAt: Date, workingMinutes: number): Promise<Appointment> {
    const response = await this.client.request<Appointment>('catalog', {
      path: '/api/v1/calendar/appointment',
      query: { receivedAt: receivedAt.toISOString(), workingMinutes },
    });
    return this.ok(response, 'appointment');
  }

  private ok<T>(response: ServiceResponse<T>, what: string): T {
    if (response.status >= 200 && response.status < 300) return response.body;
    this.logger.error(`catalog answered ${response.status} for the ${what}: ${JSON.stringify(response.body).slice(0, 500)}`);
    throw ProblemException.serviceUnavailable('dependency-failed', 'The catalog could not answer; try again shortly.');
  }
}
