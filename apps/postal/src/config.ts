import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';

export const CARRIER_KINDS = ['simulated', 'http'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

export class PostalConfig extends ServiceConfig {
  /** Agencies (name and address of the agency that sends a result). */
  @ServiceUrl()
  CATALOG_URL: string;

  /** Result delivery addresses, and reception of collected dossiers. */
  @ServiceUrl()
  INTAKE_URL: string;

  /** Subscribers of postal's events (ShipmentStatusChanged, ShipmentRegistered). */
  @ServiceUrl()
  WORKFLOW_URL: string;

  @ServiceUrl()
  REPORTING_URL: string;

  /** Subscriber of ShipmentStatusChanged: tells the applicant their result left and arrived. */
  @ServiceUrl()
  NOTIFICATION_URL: string;

  /**
   * The carrier shipments go to: `simulated` (built in, for development and tests: moves
   * shipments on a schedule) or `http` (a real carrier's API at CARRIER_URL).
   */
  @IsOptional()
  @IsIn(CARRIER_KINDS)
  CARRIER: CarrierKind = 'simulated';

  /** The HTTP carrier's code, in tracking and in its callback path `/carrier-callbacks/{code}`. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,29}$/, { message: 'CARRIER_CODE must be 2-30 lowercase letters, digits or dashes' })
  CARRIER_CODE = 'vnpost';

  /** Base URL of the HTTP carrier's API; required with CARRIER=http. */
  @ValidateIf((config: PostalConfig) => config.CARRIER === 'http')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  CARRIER_URL?: string;

  /** The credential postal presents to the HTTP carrier (`Authorization: Bearer …`); required with CARRIER=http. */
  @ValidateIf((config: PostalConfig) => config.CARRIER === 'http')
  @IsString()
  @MinLength(8)
  CARRIER_API_KEY?: string;

  /**
   * The secret the carrier signs its status callbacks with (HMAC-SHA256 of the body); required
   * with CARRIER=http. The simulated carrier signs with it too, or with a random one per start.
   */
  @ValidateIf((config: PostalConfig) => config.CARRIER === 'http' || config.CARRIER_CALLBACK_SECRET !== undefined)
  @IsString()
  @MinLength(16)
  CARRIER_CALLBACK_SECRET?: string;

  /** Delivery attempts before a parcel goes back to its sender. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  DELIVERY_MAX_ATTEMPTS = 3;

  /** How often shipments without recent carrier news are polled, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  CARRIER_POLL_MS = 60_000;

  /** A shipment with no callback (or poll) for this long is asked about, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(604_800_000)
  CARRIER_POLL_STALE_MS = 3_600_000;

  /** How often the simulated carrier moves its parcels and calls back, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  SIMULATED_CARRIER_TICK_MS = 5_000;

  /**
   * When the simulated carrier's parcels move, in minutes after it accepts them on the services'
   * clock: collected, in transit, and delivered (also the time between delivery attempts of a
   * parcel told to fail). Real-life defaults; `npm start` shortens them to minutes for demos.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(43_200)
  SIMULATED_CARRIER_COLLECTED_AFTER_MINUTES = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(43_200)
  SIMULATED_CARRIER_IN_TRANSIT_AFTER_MINUTES = 180;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(43_200)
  SIMULATED_CARRIER_DELIVERED_AFTER_MINUTES = 1_440;
}
