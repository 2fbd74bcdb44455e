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
}
