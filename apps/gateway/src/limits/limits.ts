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
 * the credentials are checked, since a refused one names no client to count under: a request
 * that carries a credential is turned away with 429 once its address has used up its refusals
 * in the current minute, and only a 401 answer counts, when it is sent. (express-rate-limit
 * counts a request when it arrives and takes it back when it succeeds, so slow or abandoned
 * requests would count as refusals: an office behind one address would be locked out by its
 * own cancelled searches.) Counts are kept in this process, per gateway replica.
 */
export function credentialFailureLimits(config: GatewayConfig) {
  const windowMs = 60_000;
  const refusals = new Map<string, { count: number; resetAt: number }>();
  let sweptAt = Date.now();
  const current = (key: string, now: number) => {
    const entry = refusals.get(key);
    if (entry && entry.resetAt <= now) {
      refusals.delete(key);
      return undefined;
    }
    return entry;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.header('authorization') === undefined && req.header('x-api-key') === undefined) return next();
    const now = Date.now();
    if (now - sweptAt > windowMs) {
      for (const [key, entry] of refusals) if (entry.resetAt <= now) refusals.delete(key);
      sweptAt = now;
    }
    const key = `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0')}`;
    const entry = current(key, now);
    if (entry && entry.count >= config.CREDENTIAL_FAILURES_PER_MINUTE) {
      const retryAfter = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(
        req,
        res,
        new ProblemException(429, 'too-many-refused-credentials', 'Too many requests', `More than ${config.CREDENTIAL_FAILURES_PER_MINUTE} refused credentials from this address in a minute; try again in ${retryAfter} s.`),
      );
      return;
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const at = Date.now();
      const counted = current(key, at) ?? { count: 0, resetAt: at + windowMs };
      counted.count++;
      refusals.set(key, counted);
    });
    next();
  };
}
