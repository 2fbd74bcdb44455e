import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
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

  /**
   * Open statistics (`GET /reports/open-statistics`, public): a count from 1 to this minus one
   * is not published (nor a share it would give away), so that nobody can be singled out.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  OPEN_STATISTICS_MIN_COUNT = 5;

  /** How long a browser or the portal's cache may keep the open statistics (Cache-Control max-age). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  OPEN_STATISTICS_MAX_AGE_SECONDS = 900;

  /**
   * Complaints and petitions about procedures (phản ánh, kiến nghị) are answered in time when
   * answered within this many working days of their filing (Decree 20/2008/NĐ-CP gives ten).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  COMPLAINT_ANSWER_WORKING_DAYS = 10;
}
