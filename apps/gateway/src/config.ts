import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

/** The gateway routes to every backend service, so it needs all their addresses. */
export class GatewayConfig extends ServiceConfig {
  @ServiceUrl() CATALOG_URL: string;
  @ServiceUrl() INTAKE_URL: string;
  @ServiceUrl() WORKFLOW_URL: string;
  @ServiceUrl() POSTAL_URL: string;
  @ServiceUrl() REPORTING_URL: string;

  /** How long a routed request may wait for the service's answer before a 504, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  PROXY_TIMEOUT_MS = 60000;
}
