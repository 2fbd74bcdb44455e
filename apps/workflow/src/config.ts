import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class WorkflowConfig extends ServiceConfig {
  /** The working-time calendar. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Subscribers of workflow's events (DossierStatusChanged, ResultReady). */
  @ServiceUrl()
  INTAKE_URL: string;

  @ServiceUrl()
  REPORTING_URL: string;

  /** Subscriber of ResultReady: results by post become delivery shipments. */
  @ServiceUrl()
  POSTAL_URL: string;

  /** How often the lateness sweep runs, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  LATENESS_SWEEP_MS = 60_000;

  /** A case due within this many working minutes is at risk (default one working day). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(48_000)
  AT_RISK_WORKING_MINUTES = 480;
}
