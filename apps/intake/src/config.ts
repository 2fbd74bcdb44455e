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
}
