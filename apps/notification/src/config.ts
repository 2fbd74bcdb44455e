import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class NotificationConfig extends ServiceConfig {
  /** Applicants' contact details and dossier details for messages. */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Agency and procedure names in messages. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Officers and units a case is assigned to. */
  @ServiceUrl()
  WORKFLOW_URL: string;
}
