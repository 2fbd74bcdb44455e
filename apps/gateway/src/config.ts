import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { ServiceConfig, ServiceUrl } from '@onestop/platform';
import { parseSigningKey } from './auth/signing-key.js';

/**
 * A key the gateway can sign tokens with; the message says what is wrong with it (loadConfig
 * puts the setting's name before it).
 */
function IsSigningKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isSigningKey',
    validator: {
      validate: (value: unknown) => {
        try {
          parseSigningKey(String(value));
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args) => {
        try {
          parseSigningKey(String(args?.value));
          return '';
        } catch (error) {
          return (error as Error).message;
        }
      },
    },
  });
}

/** Demo users get tokens only if the gateway can sign them. */
function NeedsSigningKey(): PropertyDecorator {
  return ValidateBy({
    name: 'needsSigningKey',
    validator: {
      validate: (_value: unknown, args) => (args?.object as GatewayConfig).AUTH_SIGNING_KEY !== undefined,
      defaultMessage: () => "needs AUTH_SIGNING_KEY, the key demo users' tokens are signed with",
    },
  });
}

/** The gateway routes to every backend service, so it needs all their addresses. */
export class GatewayConfig extends ServiceConfig {
  /**
   * The gateway is the public door: it listens where clients reach it, on every interface,
   * unless LISTEN_HOST says otherwise (e.g. 127.0.0.1 behind a load balancer on the same host).
   */
  override LISTEN_HOST = '0.0.0.0';

  @ServiceUrl() CATALOG_URL: string;
  @ServiceUrl() INTAKE_URL: string;
  @ServiceUrl() WORKFLOW_URL: string;
  @ServiceUrl() POSTAL_URL: string;
  @ServiceUrl() REPORTING_URL: string;
  @ServiceUrl() PORTAL_URL: string;
  @ServiceUrl() PAYMENT_URL: string;
  @ServiceUrl() NOTIFICATION_URL: string;

  /** How long a routed request may wait for the service's answer before a 504, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  PROXY_TIMEOUT_MS = 60000;

  /**
   * The private key the gateway signs the tokens it issues with: ES256, as a P-256 private JWK
   * in JSON or a PKCS8 PEM. Its public half is served at `/api/v1/auth/jwks.json`. Unset: the
   * gateway issues no tokens (`npm start` makes one per data folder).
   */
  @IsOptional()
  @IsSigningKey()
  AUTH_SIGNING_KEY?: string;

  /**
   * The one password of the seeded demo users (auth/demo-users.ts). Unset: demo sign-in is
   * off and `POST /api/v1/auth/token` answers 404.
   */
  @IsOptional()
  @IsString()
  @MinLength(8)
  @NeedsSigningKey()
  DEMO_USERS_PASSWORD?: string;

  /** How long a token the gateway issues stays valid, in seconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  AUTH_TOKEN_TTL_SECONDS = 3600;

  /** Requests a client (a person, an API key, or an address without credentials) may make a minute. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Refused credentials (a bad API key or bearer token) an address may send a minute; past that,
   * the address's credentialed requests get 429 until the minute is over, so keys and tokens
   * cannot be guessed at the door's speed.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CREDENTIAL_FAILURES_PER_MINUTE = 60;

  /**
   * Origins of the province's front-ends allowed to call the API from a browser, comma
   * separated (`https://dichvucong.hanam.gov.vn,https://motcua.hanam.gov.vn`); `*` for any.
   * Empty: no cross-origin browser calls.
   */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((origin) => origin.trim()).filter(Boolean) : value))
  @IsArray()
  @Matches(/^(\*|https?:\/\/[^\s/]+)$/, { each: true, message: 'CORS_ORIGINS must be origins such as https://dichvucong.hanam.gov.vn, comma separated, or *' })
  CORS_ORIGINS: string[] = [];

  /**
   * How many proxies stand before the gateway (a load balancer: 1), so the audit log and rate
   * limits see the client's address from X-Forwarded-For rather than the proxy's.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUSTED_PROXIES = 0;
}
