import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class CatalogConfig extends ServiceConfig {
  /** Subscriber of the catalog's events (ProcedurePublished, ...). */
  @ServiceUrl()
  REPORTING_URL: string;
}
