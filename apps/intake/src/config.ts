import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class IntakeConfig extends ServiceConfig {
  /** Procedures, agencies and the calendar, read at reception. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Subscribers of intake's events (DossierReceived, ...). */
  @ServiceUrl()
  WORKFLOW_URL: string;

  @ServiceUrl()
  REPORTING_URL: string;

  /** Shipment tracking of post dossiers and results, shown in the public lookup. */
  @ServiceUrl()
  POSTAL_URL: string;

  /** Subscriber of DossierReceived: the national portal connector pushes each reception. */
  @ServiceUrl()
  PORTAL_URL: string;

  /** Subscriber of DossierReceived, SupplementReceived and ComplaintAnswered: tells the applicant and officers. */
  @ServiceUrl()
  NOTIFICATION_URL: string;

  /** Subscriber of DossierReceived: payment assesses the procedure's fees at reception. */
  @ServiceUrl()
  PAYMENT_URL: string;

  /** Largest document file accepted for a dossier, in bytes (larger is a 413 `file-too-large`). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  DOCUMENT_MAX_BYTES = 20971520;

  /** Most document files one dossier may hold (one more is a 409 `too-many-documents`). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DOCUMENT_MAX_FILES = 50;

  /**
   * Wrong lookup codes a dossier (or a complaint) takes within LOOKUP_GUESS_WINDOW_SECONDS of the
   * first; past that, every attempt on it is a 429 `too-many-lookup-attempts` until the window ends.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOOKUP_GUESS_LIMIT = 10;

  /** The window of LOOKUP_GUESS_LIMIT, from the first wrong lookup code, in seconds: also the longest lockout. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOOKUP_GUESS_WINDOW_SECONDS = 900;

  /**
   * How often closed dossiers past their retention (retention_policies) lose their applicant's
   * personal data (Decree 13/2023); an administrator can also run it now
   * (`POST /personal-data/erasures`). Default: hourly.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(604_800_000)
  PERSONAL_DATA_SWEEP_MS = 3_600_000;
}
