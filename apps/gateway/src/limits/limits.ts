import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import cors from 'cors';
import { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { pathOf, ProblemException } from '@onestop/platform';
import { GatewayConfig } from '../config.js';
import { principalOf } from '../identity/identity.middleware.js';
import { answerProblem, clientAddressOf, type DoorStep } from '../door/door.js';

/**
 * Security headers on every answer. The API answers JSON, so no content security policy is
 * needed for it (and the interactive docs run inline scripts); documents may be embedded by
 * the province's front-ends, hence a cross-origin resource policy. Helmet decides them; with no
 * content security policy they depend on nothing in the request, so they are worked out once
 * and set on each answer as they are.
 */
export function securityHeaders(): DoorStep {
  const decided = new Map<string, string>();
  const probe = {
    setHeader: (name: string, value: string) => decided.set(name, value),
    removeHeader: (name: string) => decided.delete(name),
  };
  helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' }, crossOriginEmbedderPolicy: false })(
    {} as IncomingMessage,
    probe as unknown as ServerResponse,
    () => undefined,
  );
  const headers = [...decided];
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** CORS for the province's front-end origins (CORS_ORIGINS); none: browsers on other origins are refused. */
export function corsHeaders(config: GatewayConfig): DoorStep {
  const origins = config.CORS_ORIGINS;
  if (origins.length === 0) return (_req, _res, next) => next();
  return cors({
    origin: origins.includes('*') ? true : origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-Id', 'X-Api-Key'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  }) as DoorStep;
}

/** Counts per key in windows of a fixed length, each key's starting with its first count; in this process. */
export class FixedWindowCounts {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();
  private sweptAt = Date.now();

  constructor(readonly windowMs: number) {}

  /** The key's count in its current window and when the window ends; undefined when it has none. */
  current(key: string, now = Date.now()): { count: number; resetAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.resetAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Counts one more for the key, and returns its window. */
  add(key: string, now = Date.now()): { count: number; resetAt: number } {
    this.sweep(now);
    const entry = this.current(key, now) ?? { count: 0, resetAt: now + this.windowMs };
    entry.count++;
    this.entries.set(key, entry);
    return entry;
  }

  /** Forgets ended windows now and then, so keys seen once do not stay forever. */
  private sweep(now: number): void {
    if (now - this.sweptAt <= this.windowMs) return;
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
    this.sweptAt = now;
  }
}

/**
 * Requests per minute per client: the credential's subject when there is one (so one office
 * behind a NAT is not one client), the address otherwise. Counts are kept in this process;
 * with several gateway replicas, each allows the limit. Every answer says where the client
 * stands in the headers of the IETF draft (draft-ietf-httpapi-ratelimit-headers-08):
 * `RateLimit-Policy: "600-in-1min"; q=600; w=60` and `RateLimit: "600-in-1min"; r=599; t=60`.
 */
export function rateLimits(config: GatewayConfig): DoorStep {
  const limit = config.RATE_LIMIT_PER_MINUTE;
  const counts = new FixedWindowCounts(60_000);
  const policyName = `"${limit}-in-1min"`;
  const policy = `${policyName}; q=${limit}; w=${counts.windowMs / 1000}`;
  return (req, res, next) => {
    if (pathOf(req).startsWith('/health')) return next();
    const now = Date.now();
    const window = counts.add(principalOf(res)?.subject ?? CredentialRefusals.keyOf(req), now);
    const secondsLeft = Math.max(0, Math.ceil((window.resetAt - now) / 1000));
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit', `${policyName}; r=${Math.max(limit - window.count, 0)}; t=${secondsLeft}`);
    if (window.count <= limit) return next();
    const retryAfter = Math.max(1, secondsLeft);
    res.setHeader('Retry-After', String(retryAfter));
    answerProblem(req, res, new ProblemException(429, 'rate-limited', 'Too many requests', `More than ${limit} requests a minute; try again in ${retryAfter} s.`));
  };
}

/**
 * Refused credentials per address and minute (CREDENTIAL_FAILURES_PER_MINUTE): bad API keys, bad
 * or expired bearer tokens, wrong demo passwords. It throttles the refusals only: once an
 * address has used up its refusals in the current minute, a credential from it that is refused
 * gets 429 instead of 401 (and a demo sign-in gets 429 whatever the password, since guessing
 * passwords is the attack), while a credential that verifies still goes through, so one person
 * behind the province's NAT or load balancer cannot lock everyone else on that address out.
 * Only 401 answers count, when they are sent, so slow or abandoned requests never count as
 * refusals. Counts are kept in this process, per gateway replica.
 */
@Injectable()
export class CredentialRefusals {
  private readonly refusals = new FixedWindowCounts(60_000);
  /** Requests counted already (a wrong password answered 401), so their answer is not counted again. */
  private readonly counted = new WeakSet<IncomingMessage>();

  constructor(private readonly config: GatewayConfig) {}

  /**
   * The address a request counts under; IPv6 clients by /56 network, or one machine could rotate
   * through its addresses (express-rate-limit's `ipKeyGenerator`, which also reads IPv4-mapped
   * IPv6 addresses as the IPv4 address they carry).
   */
  static keyOf(req: IncomingMessage): string {
    return `ip:${ipKeyGenerator(clientAddressOf(req))}`;
  }

  /** The 429 problem for an address past its refusals, or undefined while it has some left. */
  refusalFor(req: IncomingMessage): ProblemException | undefined {
    const now = Date.now();
    const entry = this.refusals.current(CredentialRefusals.keyOf(req), now);
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
  count(req: IncomingMessage): void {
    if (this.counted.has(req)) return;
    this.counted.add(req);
    this.refusals.add(CredentialRefusals.keyOf(req));
  }

  /** Counts the request's answer if it is a 401, when it is sent (for credentials refused behind the door too). */
  countWhenRefused(req: IncomingMessage, res: ServerResponse): void {
    res.on('finish', () => {
      if (res.statusCode === 401) this.count(req);
    });
  }
}

/**
 * Counts the refused credentials of requests that carry one (a 401 answer, from the door or
 * the service behind it). The decision to turn one away comes after the credential check, in
 * the identity middleware: only a refused credential is answered 429.
 */
export function credentialFailureLimits(refusals: CredentialRefusals): DoorStep {
  return (req, res, next) => {
    if (req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined) refusals.countWhenRefused(req, res);
    next();
  };
}
