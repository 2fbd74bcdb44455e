import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Span } from '@opentelemetry/api';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestContext {
  requestId: string;
  /** The span of the work under way, when traces are exported (libs/platform/src/tracing). */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, for logs and for calls made on its behalf. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Middleware (Express's, or the gateway's door before Express): keeps the caller's
 * `X-Request-Id` when it is well-formed (so one id follows a request through the gateway and
 * every service), otherwise makes one, and echoes it on the response.
 */
export function requestContextMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const offered = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId }, () => next());
}

/** Runs work outside a request (relay, sweeps) under its own id, so its logs and calls correlate. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The span of the request or job under way, if it is traced. */
export function currentSpan(): Span | undefined {
  return storage.getStore()?.span;
}

/** Makes `span` the current one of the request under way (the tracing middleware, once it has started it). */
export function enterSpan(span: Span): void {
  const store = storage.getStore();
  if (store) store.span = span;
}

/** Runs work with `span` current, keeping the request id (an event's handling inside a delivery). */
export function runInSpan<T>(span: Span | undefined, work: () => T): T {
  if (!span) return work();
  const store = storage.getStore();
  return storage.run({ requestId: store?.requestId ?? span.spanContext().traceId, span }, work);
}
