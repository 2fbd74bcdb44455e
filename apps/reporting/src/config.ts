import { IsOptional } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

/**
 * Reporting receives events and calls no other service, except to rebuild its tables: then it
 * reads each owning service's events since a cursor (`GET /internal/events`).
 */
export class ReportingConfig extends ServiceConfig {
  /** Catalog's events (procedures), replayed by a rebuild. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Intake's events (dossiers received, withdrawn, rated; complaints), replayed by a rebuild. */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Workflow's events (status changes, results), replayed by a rebuild. */
  @ServiceUrl()
  WORKFLOW_URL: string;

  /** Postal's events (results delivered by post), replayed by a rebuild; unset: a rebuild skips postal. */
  @IsOptional()
  @ServiceUrl()
  POSTAL_URL?: string;
}
