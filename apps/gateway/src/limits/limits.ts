import { type INestApplication, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ProblemException } from '@onestop/platform';
import { GatewayConfig } from '../config.js';
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
 * Refused credentials per address and minute (CREDENTIAL_FAILURES_PER_MINUTE): bad API keys, bad
 * or expired bearer tokens, wrong demo passwords. It throttles the refusals only: once an
 * address has used up its refusals in the current minute, a credential from it that is refused
 * gets 429 instead of 401 (and a demo sign-in gets 429 whatever the password, since guessing
 * passwords is the attack), while a credential that verifies still goes through, so one person
 * behind the province's NAT or load balancer cannot lock everyone else on that address out.
 * Only 401 answers count, when they are sent: express-rate-limit counts a request when it
 * arrives and takes it back when it succeeds, so slow or abandoned requests would count as
 * refusals. Counts are kept in this process, per gateway replica.
 */
@Injectable()
export class CredentialRefusals {
  private readonly windowMs = 60_000;
  private readonly refusals = new Map<string, { count: number; resetAt: number }>();
  /** Requests counted already (a wrong password answered 401), so their answer is not counted again. */
  private readonly counted = new WeakSet<Request>();
  private sweptAt = Date.now();

  constructor(private readonly config: GatewayConfig) {}

  /** The address a request counts under; IPv6 clients by /56 network, or one machine could rotate through its addresses. */
  static keyOf(req: Request): string {
    return `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0')}`;
  }

  /** The 429 problem for an address past its refusals, or undefined while it has some left. */
  refusalFor(req: Request): ProblemException | undefined {
    const now = Date.now();
    const entry = this.current(CredentialRefusals.keyOf(req), now);
    if (!entry || entry.count < this.config.CREDENTIAL_FAILURES_PER_MINUTE) return undefined;
    const retryAfter = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
    return new ProblemException(
      429,
      'too-many-refused-credentials',
      'Too many requests',
      `More than ${this.config.CREDENTIAL_FAILURES_PER_MINUTE} refused credentials from this address in a minute; try again in ${retryAfter} s.`,
    ).withRetryAfter(retryAfter);
  }

  /** Counts one refusal against the request's address. */
  count(req: Request): void {
    if (this.counted.has(req)) return;
    this.counted.add(req);
    const now = Date.now();
    this.sweep(now);
    const key = CredentialRefusals.keyOf(req);
    const counted = this.current(key, now) ?? { count: 0, resetAt: now + this.windowMs };
    counted.count++;
    this.refusals.set(key, counted);
  }

  /** Counts the request's answer if it is a 401, when it is sent (for credentials refused behind the door too). */
  countWhenRefused(req: Request, res: Response): void {
    res.on('finish', () => {
      if (res.statusCode === 401) this.count(req);
    });
  }

  private current(key: string, now: number) {
    const entry = this.refusals.get(key);
    if (entry && entry.resetAt <= now) {
      this.refusals.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt <= this.windowMs) return;
    for (const [key, entry] of this.refusals) if (entry.resetAt <= now) this.refusals.delete(key);
    this.sweptAt = now;
  }
}

/**
 * Counts the refused credentials of requests that carry one (a 401 answer, from the door or
 * the service behind it). The decision to turn one away comes after the credential check, in
 * the identity middleware: only a refused credential is answered 429.
 */
export function credentialFailureLimits(refusals: CredentialRefusals) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.header('authorization') !== undefined || req.header('x-api-key') !== undefined) refusals.countWhenRefused(req, res);
    next();
  };
}
