import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';
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

  /** Subscriber of DossierStatusChanged and ResultReady: the national portal connector pushes each step. */
  @ServiceUrl()
  PORTAL_URL: string;

  /** Subscriber of DossierStatusChanged and ResultReady: tells the applicant and officers. */
  @ServiceUrl()
  NOTIFICATION_URL: string;

  /** Subscriber of DossierStatusChanged: payment cancels the bills of a refused, stopped or withdrawn dossier. */
  @ServiceUrl()
  PAYMENT_URL: string;

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

  /**
   * Who signs electronic results with the agency's key: `local`, a PKCS#12 file per agency under
   * SIGNING_P12_DIR (development and small deployments), or `remote`, a remote signing service at
   * SIGNING_REMOTE_URL (send the hash, receive the CMS).
   */
  @IsOptional()
  @IsIn(['local', 'remote'])
  SIGNER: 'local' | 'remote' = 'local';

  /** The folder of the agencies' PKCS#12 files, one `<agency code>.p12` each (`npm start` makes test ones in `.data/signing/agencies`). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_P12_DIR = '.data/signing/agencies';

  /** The PKCS#12 files' password; or name a file holding it with SIGNING_P12_PASSWORD_FILE. Never logged. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_P12_PASSWORD?: string;

  /** A file holding the PKCS#12 password (a mounted secret), read when the first result is signed. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_P12_PASSWORD_FILE?: string;

  /** Base URL of the remote signing service's API; required with SIGNER=remote. */
  @ValidateIf((config: WorkflowConfig) => config.SIGNER === 'remote')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SIGNING_REMOTE_URL?: string;

  /** The credential presented to the remote signing service (`Authorization: Bearer …`); or SIGNING_REMOTE_API_KEY_FILE. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  SIGNING_REMOTE_API_KEY?: string;

  /** A file holding the remote signing service's credential. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_REMOTE_API_KEY_FILE?: string;

  /** How long to wait for the remote signer to confirm (a person confirming on their device), in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SIGNING_REMOTE_WAIT_MS = 120_000;

  /** How often to ask the remote signer whether the signature is ready, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  SIGNING_REMOTE_POLL_MS = 1_000;

  /**
   * The certificate authorities (PEM bundle) whose agency certificates verification trusts: the
   * trust service providers' roots in production, the local test CA under `npm start`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_TRUSTED_CA_FILE = '.data/signing/ca.pem';

  /** The public verification page the QR code on a result links to; `?code=` is added. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  RESULT_VERIFY_URL = 'http://localhost:3000/api/v1/results/verify';

  /** Largest result document an officer may attach, in bytes (as DOCUMENT_MAX_BYTES for documents). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(104_857_600)
  RESULT_MAX_BYTES = 20_971_520;
}
