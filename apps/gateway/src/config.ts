import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateBy } from 'class-validator';
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
  @ServiceUrl() CATALOG_URL: string;
  @ServiceUrl() INTAKE_URL: string;
  @ServiceUrl() WORKFLOW_URL: string;
  @ServiceUrl() POSTAL_URL: string;
  @ServiceUrl() REPORTING_URL: string;

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
}
