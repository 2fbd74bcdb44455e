import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export class PortalConfig extends ServiceConfig {
  /** Dossiers to push: their details, read from intake when a push is sent, and the portal's own dossiers handed to its online reception. */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Procedures and agencies named in a push. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Subscriber of the connector's events (the share of dossiers synchronised). */
  @ServiceUrl()
  REPORTING_URL: string;
}
