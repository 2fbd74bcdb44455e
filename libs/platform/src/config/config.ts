import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, IsBoolean, IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { Transform, Type } from 'class-transformer';

/** Injection token for the raw settings (by default `process.env`); tests supply their own record. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');
export type Environment = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const DATABASE_URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['postgres', 'postgresql'] };

/**
 * The verifier picks the key set by the token's issuer, so the gateway's tokens and the
 * identity provider's must name different issuers once they are checked against different keys.
 */
function IssuersTellKeySetsApart(): PropertyDecorator {
  const apart = (config: ServiceConfig) =>
    !config.GATEWAY_JWKS_URL || config.GATEWAY_JWKS_URL === config.AUTH_JWKS_URL || config.GATEWAY_TOKEN_ISSUER !== config.AUTH_ISSUER;
  return ValidateBy({
    name: 'issuersTellKeySetsApart',
    validator: {
      validate: (_value: unknown, args) => apart(args?.object as ServiceConfig),
      defaultMessage: (args) =>
        `differs from AUTH_JWKS_URL, so GATEWAY_TOKEN_ISSUER must differ from AUTH_ISSUER (both are ${JSON.stringify((args?.object as ServiceConfig).AUTH_ISSUER)}): a token's issuer says which key set checks it`,
    },
  });
}

/** Settings every service reads. Each app's `config.ts` extends it with its own. */
export class ServiceConfig {
  /** Port the HTTP server listens on. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  /**
   * Address the HTTP server listens on. Loopback by default: a backend service is reached only
   * through the gateway (and the other services) on the same machine, so nobody walks around
   * the door's audit and limits. Docker compose sets `0.0.0.0` (each container's network is the
   * internal one; only the gateway's port is published); the gateway's own default is `0.0.0.0`.
   */
  @IsOptional()
  @IsIP(undefined, { message: 'must be an IP address to listen on, such as 127.0.0.1, 0.0.0.0 or ::' })
  LISTEN_HOST = '127.0.0.1';

  /** PostgreSQL connection string; the service uses only its own schema on that server. */
  @IsUrl(DATABASE_URL_OPTIONS)
  DATABASE_URL: string;

  /** Shared secret services present to each other on internal endpoints (`X-Service-Token`). */
  @IsString()
  @MinLength(16)
  SERVICE_TOKEN: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** How long a call to another service may take before it is abandoned, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  HTTP_TIMEOUT_MS = 5000;

  /** How often the outbox relay looks for undelivered events, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 500;

  /**
   * Hours an `Idempotency-Key` is remembered (a retry within them answers what the first request
   * created); past them the key and the answer it stored, which may hold an applicant's personal
   * data, are deleted, and the key may be used again.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8760)
  IDEMPOTENCY_KEY_HOURS = 24;

  /** How often (ms) the keys past IDEMPOTENCY_KEY_HOURS are deleted. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  IDEMPOTENCY_PURGE_MS = 3_600_000;

  /** Largest request body accepted, in bytes (bulk imports may need more than the default). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  BODY_LIMIT_BYTES = 1048576;

  /**
   * Bootstrap administrator credential (`Authorization: Bearer <token>`) for admin-only
   * operations until people sign in through the identity provider. Unset: no admin access.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  ADMIN_TOKEN?: string;

  /**
   * Where the identity provider publishes the keys that sign people's bearer JWTs (a JWKS).
   * Locally the gateway is that provider (`/api/v1/auth/jwks.json`); in production, the
   * external one (then set `GATEWAY_JWKS_URL` for the gateway's own tokens). Unset, with
   * `GATEWAY_JWKS_URL` unset too: no bearer JWT is accepted, only `ADMIN_TOKEN`.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  AUTH_JWKS_URL?: string;

  /** The `iss` people's bearer JWTs from the identity provider (`AUTH_JWKS_URL`) carry. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER = 'onestop-local';

  /**
   * Where the gateway publishes the keys of the tokens it signs itself (an API key exchanged at
   * the door, a demo user's sign-in): its `/api/v1/auth/jwks.json`. Needed once `AUTH_JWKS_URL`
   * is an external identity provider's. Unset: the gateway's tokens are checked against
   * `AUTH_JWKS_URL`, i.e. the gateway is the identity provider.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @IssuersTellKeySetsApart()
  GATEWAY_JWKS_URL?: string;

  /**
   * The `iss` of the tokens the gateway signs itself. A token's issuer says which key set it is
   * checked against: `AUTH_ISSUER`'s at `AUTH_JWKS_URL`, this one's at `GATEWAY_JWKS_URL`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  GATEWAY_TOKEN_ISSUER = 'onestop-gateway';

  /** The `aud` a bearer JWT must carry: this system, so tokens meant for others are refused. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE = 'onestop';

  /** Longest wait between two delivery attempts of one event, in milliseconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3600000)
  OUTBOX_MAX_BACKOFF_MS = 60000;

  /** Where stored files (dossier documents, electronic results) live: `local` disk or an `s3`-compatible store. */
  @IsOptional()
  @IsIn(['local', 's3'])
  FILE_STORAGE: 'local' | 's3' = 'local';

  /** The folder of `local` file storage, relative to the working directory unless absolute. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  FILE_STORAGE_DIR = '.data/files';

  /** Base URL of the S3-compatible store (`https://s3.ap-southeast-1.amazonaws.com`, `http://minio:9000`); required with `FILE_STORAGE=s3`. */
  @ValidateIf((config: ServiceConfig) => config.FILE_STORAGE === 's3')
  @IsUrl(URL_OPTIONS)
  S3_ENDPOINT?: string;

  /** Bucket the files go to; required with `FILE_STORAGE=s3`. */
  @ValidateIf((config: ServiceConfig) => config.FILE_STORAGE === 's3')
  @IsString()
  @MinLength(3)
  S3_BUCKET?: string;

  /** Region the requests are signed for (S3-compatible stores mostly accept `us-east-1`). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** Access key id of the store's credential; required with `FILE_STORAGE=s3`. */
  @ValidateIf((config: ServiceConfig) => config.FILE_STORAGE === 's3')
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  /** Secret of the store's credential; required with `FILE_STORAGE=s3`. */
  @ValidateIf((config: ServiceConfig) => config.FILE_STORAGE === 's3')
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** `endpoint/bucket/key` addressing (MinIO and most S3-compatible stores) rather than `bucket.endpoint/key` (AWS). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE = true;

  /**
   * Credential Prometheus presents on `/metrics` (`Authorization: Bearer <token>`), so the
   * monitoring system needs no copy of SERVICE_TOKEN, which the services also accept there.
   * Unset: only the service credential reads the metrics.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * Base URL of an OTLP/HTTP receiver (an OpenTelemetry Collector, Jaeger, Tempo: usually
   * `http://collector:4318`); traces go to `<url>/v1/traces` as JSON. Unset: no traces, at no cost.
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** How long finished spans wait to be sent in one batch, in milliseconds (OpenTelemetry's own setting). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60000)
  OTEL_BSP_SCHEDULE_DELAY = 5000;
}

/**
 * A base URL of another service this app calls, e.g. `CATALOG_URL`. Apps declare only the
 * services they talk to, so a missing one stops the app at boot with its name.
 */
export function ServiceUrl(): PropertyDecorator {
  return (target, key) => IsUrl(URL_OPTIONS)(target, key as string);
}

export type ConfigClass<T extends ServiceConfig> = new () => T;

/**
 * Reads and validates settings; throws a ConfigError naming every missing or malformed one,
 * so a misconfigured service stops at boot instead of failing on its first request.
 */
export function loadConfig<T extends ServiceConfig>(cls: ConfigClass<T>, env: Environment): T {
  const known = new Set(settingNames(cls));
  const source: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (known.has(key) && value !== undefined && value !== '') source[key] = value;
  }
  const config = plainToInstance(cls, source, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => {
        const value = source[error.property];
        const reason = value === undefined ? 'is required' : Object.values(error.constraints ?? {}).join('; ');
        return `${error.property} ${reason}`;
      }),
    );
  }
  return config;
}

/** Every setting a config class declares. */
export function settingNames(cls: ConfigClass<ServiceConfig>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** The settings a config class cannot do without (no default, not optional). */
export function requiredSettingNames(cls: ConfigClass<ServiceConfig>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const defaults = new cls() as unknown as Record<string, unknown>;
  const optional = new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName));
  return settingNames(cls).filter((name) => defaults[name] === undefined && !optional.has(name));
}
