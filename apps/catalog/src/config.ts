import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class CatalogConfig extends ServiceConfig {
  /** Subscriber of the catalog's events (ProcedurePublished, ...). */
  @ServiceUrl()
  REPORTING_URL: string;

  /** Load the demo province into an empty catalog at start (`npm start` turns it on). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA = false;
}
