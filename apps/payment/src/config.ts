import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export const PAYMENT_PLATFORMS = ['simulated', 'paygov'] as const;
export type PaymentPlatformKind = (typeof PAYMENT_PLATFORMS)[number];

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const needsPaygov = (config: PaymentConfig) => config.PAYMENT_PLATFORM === 'paygov';

export class PaymentConfig extends ServiceConfig {
  /** Dossiers a fee is charged for (the payer's name and ID number, the lookup code's check). */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Fee lines of the procedure version in force, agencies' names on receipts. */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Subscriber of payment events: the clock stops while a fee is due. */
  @ServiceUrl()
  WORKFLOW_URL: string;

  /** Subscriber of payment events: online payments counted. */
  @ServiceUrl()
  REPORTING_URL: string;

  /** Subscriber of PaymentRequested and FeePaid: tells the applicant how to pay, and officers it was paid. */
  @ServiceUrl()
  NOTIFICATION_URL: string;

  /**
   * The national payment platform bills are paid on: `simulated` (built in, for development and
   * tests: a page that pays or fails on a click, calling back as the platform does) or `paygov`
   * (the real platform at the PAYGOV_* addresses).
   */
  @IsOptional()
  @IsIn(PAYMENT_PLATFORMS)
  PAYMENT_PLATFORM: PaymentPlatformKind = 'simulated';

  /** Our partner code on the platform (MaDoiTac). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,50}$/, { message: 'PAYGOV_PARTNER_CODE must be 1-50 letters, digits, dots, dashes or underscores' })
  PAYGOV_PARTNER_CODE = 'ONESTOP';

  /**
   * The key shared with the platform, appended to every MaXacThuc (SHA-256) both ways; required
   * with PAYMENT_PLATFORM=paygov. The simulated platform uses it too, or a random one per start.
   */
  @ValidateIf((config: PaymentConfig) => needsPaygov(config) || config.PAYGOV_SECRET_KEY !== undefined)
  @IsString()
  @MinLength(16)
  PAYGOV_SECRET_KEY?: string;

  /** The platform's payment initialisation (INIT) address; required with PAYMENT_PLATFORM=paygov. */
  @ValidateIf(needsPaygov)
  @IsUrl(URL_OPTIONS)
  PAYGOV_INIT_URL?: string;

  /** The platform's transaction status query address (polling); required with PAYMENT_PLATFORM=paygov. */
  @ValidateIf(needsPaygov)
  @IsUrl(URL_OPTIONS)
  PAYGOV_STATUS_URL?: string;

  /** The platform's daily reconciliation (đối soát) address; required with PAYMENT_PLATFORM=paygov. */
  @ValidateIf(needsPaygov)
  @IsUrl(URL_OPTIONS)
  PAYGOV_RECONCILIATION_URL?: string;

  /** Bearer token some platform deployments ask for on our calls; none when unset. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  PAYGOV_ACCESS_TOKEN?: string;

  /** MaDichVu of the receipt information: the public service the bills are for (dịch vụ công). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,50}$/, { message: 'PAYGOV_SERVICE_CODE must be 1-50 letters, digits, dots, dashes or underscores' })
  PAYGOV_SERVICE_CODE = '1';

  /** MaKenhThanhToan (1 web, 2 mobile) and MaThietBi (1 computer, 2 phone) sent with INIT. */
  @IsOptional()
  @Matches(/^\d{1,2}$/)
  PAYGOV_CHANNEL_CODE = '1';

  @IsOptional()
  @Matches(/^\d{1,2}$/)
  PAYGOV_DEVICE_CODE = '1';

  /**
   * The public API's address as the applicant's browser reaches it (the gateway, with `/api/v1`),
   * for the simulated platform's payment page; the same setting notification's links use.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  PUBLIC_API_URL = 'http://localhost:3000/api/v1';

  /** How long a bill stays payable, in hours (the platform's page expires with it). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  BILL_TTL_HOURS = 24 * 30;

  /** How long the platform's payment page of one attempt stays open, in minutes. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  PAYMENT_PAGE_TTL_MINUTES = 15;

  /** How often unsettled online payments are asked about, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  PAYMENT_POLL_MS = 60_000;

  /** An online payment without a callback for this long after it started is asked about, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(604_800_000)
  PAYMENT_POLL_STALE_MS = 300_000;

  /** Online payments older than this are no longer polled (the platform keeps them 3 days), in hours. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  PAYMENT_POLL_GIVE_UP_HOURS = 72;
}
