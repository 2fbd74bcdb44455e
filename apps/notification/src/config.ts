import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export const EMAIL_PROVIDERS = ['simulated', 'smtp'] as const;
export const HTTP_PROVIDERS = ['simulated', 'http'] as const;
export type EmailProviderKind = (typeof EMAIL_PROVIDERS)[number];
export type HttpProviderKind = (typeof HTTP_PROVIDERS)[number];

const URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

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

  /** The public API's address as applicants reach it, for the links in messages (an electronic result's download). */
  @IsOptional()
  @IsUrl(URL)
  PUBLIC_API_URL = 'http://localhost:3000/api/v1';

  /** Where emails go: `simulated` (kept in the database, read at `/simulated-messages`) or `smtp` (SMTP_URL). */
  @IsOptional()
  @IsIn(EMAIL_PROVIDERS)
  EMAIL_PROVIDER: EmailProviderKind = 'simulated';

  /** The SMTP server with its credential, `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`; required with EMAIL_PROVIDER=smtp. */
  @ValidateIf((config: NotificationConfig) => config.EMAIL_PROVIDER === 'smtp')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  /** The sender of the emails. */
  @IsOptional()
  @IsString()
  @MinLength(3)
  EMAIL_FROM = 'Một cửa điện tử <no-reply@motcua.gov.vn>';

  /** Where SMS go: `simulated` or `http` (a brand-name SMS gateway at SMS_URL). */
  @IsOptional()
  @IsIn(HTTP_PROVIDERS)
  SMS_PROVIDER: HttpProviderKind = 'simulated';

  @ValidateIf((config: NotificationConfig) => config.SMS_PROVIDER === 'http')
  @IsUrl(URL)
  SMS_URL?: string;

  @ValidateIf((config: NotificationConfig) => config.SMS_PROVIDER === 'http')
  @IsString()
  @MinLength(8)
  SMS_API_KEY?: string;

  /** The registered brand name (tên thương hiệu) SMS are sent under, at most 11 letters, digits, dots or dashes. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,11}$/, { message: 'SMS_BRAND_NAME must be 1-11 letters, digits, dots or dashes' })
  SMS_BRAND_NAME = 'MOTCUA';

  /** Where Zalo messages go: `simulated` or `http` (Zalo's template message API, ZNS, at ZALO_URL). */
  @IsOptional()
  @IsIn(HTTP_PROVIDERS)
  ZALO_PROVIDER: HttpProviderKind = 'simulated';

  @ValidateIf((config: NotificationConfig) => config.ZALO_PROVIDER === 'http')
  @IsUrl(URL)
  ZALO_URL?: string;

  /** The Zalo Official Account's access token; required with ZALO_PROVIDER=http. */
  @ValidateIf((config: NotificationConfig) => config.ZALO_PROVIDER === 'http')
  @IsString()
  @MinLength(8)
  ZALO_ACCESS_TOKEN?: string;

  /**
   * The secret SMS and Zalo providers sign their delivery receipts with (HMAC-SHA256 of the
   * body in `X-Provider-Signature: sha256=<hex>`); required with an `http` provider, random per
   * start otherwise.
   */
  @ValidateIf((config: NotificationConfig) => config.SMS_PROVIDER === 'http' || config.ZALO_PROVIDER === 'http' || config.PROVIDER_RECEIPT_SECRET !== undefined)
  @IsString()
  @MinLength(16)
  PROVIDER_RECEIPT_SECRET?: string;

  /** Attempts at a provider before a message is marked failed (an administrator may resend it). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MESSAGE_MAX_ATTEMPTS = 8;

  /** Quiet hours for SMS and Zalo in Vietnam's time, `HH:MM-HH:MM` (over midnight allowed), or `off`. */
  @IsOptional()
  @Matches(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, { message: 'QUIET_HOURS must be HH:MM-HH:MM (such as 21:00-07:00) or off' })
  QUIET_HOURS = '21:00-07:00';

  /** Days a message's text is kept for resending; after that only its status stays. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  MESSAGE_RETENTION_DAYS = 30;

  /** How often a live notice stream sends a keep-alive comment, in milliseconds: below every proxy's idle timeout (the gateway's PROXY_TIMEOUT_MS). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  NOTICE_STREAM_HEARTBEAT_MS = 15_000;
}
