import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';
import { statusMapProblem } from './mapping/national-status.js';

export const CONNECTOR_MODES = ['off', 'simulated', 'http'] as const;
export type ConnectorMode = (typeof CONNECTOR_MODES)[number];

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

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

  /**
   * The National Public Service Portal pushes go to: `off` (the default: nothing is queued or
   * sent), `simulated` (built in, records what it receives; `npm start` runs it) or `http` (the
   * portal's adapter at NATIONAL_PORTAL_AUTH_URL and NATIONAL_PORTAL_INTEGRATION_URL).
   */
  @IsOptional()
  @IsIn(CONNECTOR_MODES)
  NATIONAL_PORTAL: ConnectorMode = 'off';

  /** The portal adapter's session endpoint (POST {username, password} with the `dstcode` header); required with NATIONAL_PORTAL=http. */
  @ValidateIf((c: PortalConfig) => c.NATIONAL_PORTAL === 'http')
  @IsUrl(URL_OPTIONS)
  NATIONAL_PORTAL_AUTH_URL?: string;

  /** The portal adapter's integration endpoint (POST {session, madonvi, service, ...}); required with NATIONAL_PORTAL=http. */
  @ValidateIf((c: PortalConfig) => c.NATIONAL_PORTAL === 'http')
  @IsUrl(URL_OPTIONS)
  NATIONAL_PORTAL_INTEGRATION_URL?: string;

  @ValidateIf((c: PortalConfig) => c.NATIONAL_PORTAL === 'http')
  @IsString()
  @MinLength(1)
  NATIONAL_PORTAL_USERNAME?: string;

  @ValidateIf((c: PortalConfig) => c.NATIONAL_PORTAL === 'http')
  @IsString()
  @MinLength(1)
  NATIONAL_PORTAL_PASSWORD?: string;

  /** The province's code in the session request's `dstcode` header (e.g. `H56`). */
  @ValidateIf((c: PortalConfig) => c.NATIONAL_PORTAL === 'http' || c.NATIONAL_PORTAL_DSTCODE !== undefined)
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'NATIONAL_PORTAL_DSTCODE must be the province code the portal gave (letters, digits, . _ -)' })
  NATIONAL_PORTAL_DSTCODE?: string;

  /** `madonvi` of every integration call: the province's unit code on the portal (QCVN 102 form). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.]{1,40}$/, { message: 'NATIONAL_PORTAL_UNIT_CODE must be a unit code such as 000.00.00.H56' })
  NATIONAL_PORTAL_UNIT_CODE = '000.00.00.H56';

  /** How long one call to the portal may take, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  NATIONAL_PORTAL_TIMEOUT_MS = 15_000;

  /** Refusals (the portal answered with an error) of one push before it is parked for an operator; the portal being unreachable never parks a push. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  NATIONAL_PORTAL_MAX_ATTEMPTS = 8;

  /** The longest wait between two attempts of a push, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  NATIONAL_PORTAL_MAX_BACKOFF_MS = 600_000;

  /** How often the queue is looked at when nothing new came, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  NATIONAL_PORTAL_POLL_MS = 2_000;

  /**
   * Where the portal downloads a dossier's files (DuongDanTaiTepTin): the public API base, to
   * which `/dossiers/{code}/documents/{id}` is added.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  NATIONAL_PORTAL_FILE_BASE_URL = 'http://localhost:3000/api/v1';

  /**
   * Changes to the national status table (our status → the portal's TrangThaiHoSo), as JSON,
   * e.g. `{"processed":9}`; the statuses not named keep DOMAIN.md's codes. Supplement (5),
   * payment (6) and stopped (8) are always sent as themselves.
   */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? value : undefined))
  @ValidateBy({ name: 'statusMap', validator: { validate: (value) => value === undefined || statusMapProblem(value) === null, defaultMessage: (args) => `NATIONAL_PORTAL_STATUS_MAP ${statusMapProblem(args?.value) ?? 'is invalid'}` } })
  NATIONAL_PORTAL_STATUS_MAP?: string;

  /** Largest file the portal may send with a dossier (decoded from base64), in bytes; the portal's BODY_LIMIT_BYTES must hold the base64 of the files of one dossier. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(104_857_600)
  NATIONAL_PORTAL_INBOUND_MAX_FILE_BYTES = 10_485_760;

  /** The ministry's monitoring system (EMC): `off` (default), `simulated` (records what it receives) or `http` (EMC_URL). */
  @IsOptional()
  @IsIn(CONNECTOR_MODES)
  EMC: ConnectorMode = 'off';

  /** Where EMC reports are POSTed; required with EMC=http. */
  @ValidateIf((c: PortalConfig) => c.EMC === 'http')
  @IsUrl(URL_OPTIONS)
  EMC_URL?: string;

  /** The credential sent to EMC (`Authorization: Bearer …`); required with EMC=http. */
  @ValidateIf((c: PortalConfig) => c.EMC === 'http')
  @IsString()
  @MinLength(8)
  EMC_API_KEY?: string;

  /** The province's SiteId in EMC reports. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'EMC_SITE_ID must be letters, digits, . _ -' })
  EMC_SITE_ID = 'H56';
}
