import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class PaymentConfig extends ServiceConfig {
  /** Dossiers a fee is charged for (applicant, agency, lookup code). */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Fee lines of the procedure version in force. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Subscriber of payment events: the clock stops while a fee is due. */
  @ServiceUrl()
  WORKFLOW_URL: string;

  /** Subscriber of payment events: online payments counted. */
  @ServiceUrl()
  REPORTING_URL: string;
}
