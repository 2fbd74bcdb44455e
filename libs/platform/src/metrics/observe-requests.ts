import { timingSafeEqual } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { ROOT_CONTEXT, type Span } from '@opentelemetry/api';
import { ServiceConfig } from '../config/config.js';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { SERVICE_TOKEN_HEADER } from '../auth/service-token.guard.js';
import { enterSpan, REQUEST_ID_HEADER } from '../request-context/request-context.js';
import { pathOf } from '../request-context/request-path.js';
import { contextFromHeaders, endSpan, SpanKind, Tracing } from '../tracing/tracing.js';
import { Metrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

/** The label of requests no route answered (unknown paths): one series, whatever a scanner tries. */
export const UNMATCHED_ROUTE = 'unmatched';
const NEST_NOT_FOUND_ROUTE = '*path';

export interface RequestObservationOptions {
  /**
   * Whether a `traceparent` the caller sends is continued. The services continue their callers'
   * (the gateway, other services); the gateway, the public door, starts every trace itself, so
   * nobody outside picks trace ids or hangs their spans on ours.
   */
  continueIncomingTrace: boolean;
  /** The route template of a request no Nest route answered, if it has one (the gateway's routed requests). */
  routeOf?: (req: IncomingMessage) => string | undefined;
}

/** The server span of each request, for the gateway's proxy to hang the hop to a service on. */
const serverSpans = new WeakMap<object, Span>();

export function serverSpanOf(req: object): Span | undefined {
  return serverSpans.get(req);
}

/** `/api/v1/dossiers/:code`: the route Nest matched, never the path itself (codes, ids), so the series stay few. */
function routeTemplate(req: IncomingMessage, options: RequestObservationOptions): string {
  const { route, baseUrl } = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  // `*path` is Nest's not-found handler under the prefix, not a route of ours.
  if (typeof route?.path === 'string' && route.path !== NEST_NOT_FOUND_ROUTE) return `${baseUrl ?? ''}${route.path}`;
  return options.routeOf?.(req) ?? UNMATCHED_ROUTE;
}

/**
 * Middleware (Express's, or the gateway's door before Express), right after the request id:
 * counts every request and its latency by route template, method and status, and, when traces
 * are on, makes its server span (named by the route, carrying the request id), current for
 * everything the request does.
 */
export function observeRequests(metrics: Metrics, tracing: Tracing, options: RequestObservationOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const requests = metrics.counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'] });
  const latency = metrics.histogram({ name: 'http_request_duration_seconds', help: 'Time from a request to its answer, in seconds, by method, route template and status.', labelNames: ['method', 'route', 'status'] });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const span = tracing.enabled
      ? tracing.start(req.method ?? '', {
          kind: SpanKind.SERVER,
          parent: options.continueIncomingTrace ? contextFromHeaders(req.headers) : ROOT_CONTEXT,
          attributes: { 'http.request.method': req.method ?? '', 'url.path': pathOf(req), 'onestop.request_id': String(req.headers[REQUEST_ID_HEADER] ?? '') },
        })
      : undefined;
    if (span) {
      enterSpan(span);
      serverSpans.set(req, span);
    }
    res.once('close', () => {
      const route = routeTemplate(req, options);
      // An answer cut off before it was sent whole (the client went away) is told apart from a status sent.
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      const labels = { method: req.method ?? '', route, status };
      requests.inc(labels);
      latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (span) {
        span.updateName(`${req.method ?? ''} ${route}`);
        span.setAttribute('http.route', route);
        endSpan(span, { status: res.statusCode });
      }
    });
    next();
  };
}

function sameSecret(offered: string | undefined, expected: string | undefined): boolean {
  if (!offered || !expected) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus's text format, for the monitoring system only: the service
 * credential (`X-Service-Token`) or METRICS_TOKEN (`Authorization: Bearer …`), else a 401
 * problem. Outside `/api/v1`, so the gateway never routes it; answered before the access log,
 * the audit and the gateway's limits, which a scrape every few seconds has no business in.
 */
export function serveMetrics(app: INestApplication): void {
  const metrics = app.get(Metrics);
  const config = app.get(ServiceConfig);
  (app.getHttpAdapter().getInstance() as Express).get(METRICS_PATH, (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!sameSecret(req.header(SERVICE_TOKEN_HEADER), config.SERVICE_TOKEN) && !sameSecret(bearer, config.METRICS_TOKEN)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').type(PROBLEM_CONTENT_TYPE).send(
        JSON.stringify({
          type: problemType('metrics-credential-required'),
          title: 'Unauthorized',
          status: 401,
          code: 'metrics-credential-required',
          detail: 'The metrics are for the monitoring system: send METRICS_TOKEN as a bearer token, or the service credential.',
          instance: METRICS_PATH,
        }),
      );
      return;
    }
    metrics.exposition().then((text) => res.type(metrics.registry.contentType).send(text), next);
  });
}
