import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ProblemException } from '@onestop/platform';
import type { GatewayConfig } from '../config.js';
import { principalOf, sendProblem } from '../identity/identity.middleware.js';

/**
 * Security headers on every answer. The API answers JSON, so no content security policy is
 * needed for it (and the interactive docs run inline scripts); documents may be embedded by
 * the province's front-ends, hence a cross-origin resource policy.
 */
export function securityHeaders() {
  return helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' }, crossOriginEmbedderPolicy: false });
}

/** CORS for the province's front-end origins (CORS_ORIGINS); none: browsers on other origins are refused. */
export function enableCors(app: INestApplication, config: GatewayConfig): void {
  const origins = config.CORS_ORIGINS;
  if (origins.length === 0) return;
  app.enableCors({
    origin: origins.includes('*') ? true : origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-Id', 'X-Api-Key'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}

/**
 * Requests per minute per client: the credential's subject when there is one (so one office
 * behind a NAT is not one client), the address otherwise. Counts are kept in this process;
 * with several gateway replicas, each allows the limit.
 */
export function rateLimits(config: GatewayConfig) {
  return rateLimit({
    windowMs: 60_000,
    limit: config.RATE_LIMIT_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // IPv6 clients are grouped by /56 network, or one machine could rotate through its addresses.
    keyGenerator: (req, res) => principalOf(res)?.subject ?? `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0')}`,
    skip: (req) => req.path.startsWith('/health'),
    handler: (req: Request, res: Response, _next: NextFunction, options) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(req, res, new ProblemException(429, 'rate-limited', 'Too many requests', `More than ${config.RATE_LIMIT_PER_MINUTE} requests a minute; try again in ${retryAfter} s.`));
    },
  });
}

/**
 * Refused credentials per address and minute (CREDENTIAL_FAILURES_PER_MINUTE). It stands before
 * the credentials are checked, since a refused one names no client to count under: only
 * requests that carry a credential are looked at, only their 401 answers count, and once the
 * address has used up its failures its credentialed requests get 429 until the window ends.
 */
export function credentialFailureLimits(config: GatewayConfig) {
  return rateLimit({
    windowMs: 60_000,
    limit: config.CREDENTIAL_FAILURES_PER_MINUTE,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0')}`,
    skip: (req) => req.header('authorization') === undefined && req.header('x-api-key') === undefined,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (req: Request, res: Response, _next: NextFunction, options) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(
        req,
        res,
        new ProblemException(429, 'too-many-refused-credentials', 'Too many requests', `More than ${config.CREDENTIAL_FAILURES_PER_MINUTE} refused credentials from this address in a minute; try again in ${retryAfter} s.`),
      );
    },
  });
}
