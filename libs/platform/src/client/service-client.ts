import { Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request as undiciRequest } from 'undici';
import { type BackendService, serviceUrlSetting } from '@onestop/domain';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { currentRequestId, currentSpan } from '../request-context/request-context.js';
import { endSpan, SpanKind, traceHeadersOf, Tracing } from '../tracing/tracing.js';
import { SERVICE_TOKEN_HEADER } from '../auth/service-token.guard.js';

export interface ServiceRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path on the service, e.g. `/api/v1/procedures/1.003560`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Bytes sent as they are instead of a JSON `body` (a multipart form of files), with their content type. */
  rawBody?: { contentType: string; bytes: Buffer };
  headers?: Record<string, string>;
  /**
   * Whether repeating the call is harmless. GET, PUT and DELETE are; a POST is only when it
   * carries an Idempotency-Key the callee honours.
   */
  idempotent?: boolean;
}

export interface ServiceResponse<T> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
}

const RETRY_DELAYS_MS = [100, 400];
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Calls another service of the system: bounded by a timeout, retried when repeating is safe
 * and the failure looks transient, with the request id and the service credential attached.
 * Any answer the callee gives (including 4xx) is returned for the caller to judge; only an
 * unreachable service becomes a 503 problem.
 *
 * Requests go through undici's `request` on a keep-alive connection pool rather than `fetch`:
 * every event delivery and every query between services passes here, and fetch's WHATWG
 * streams and abort signals cost more CPU than the rest of a small call.
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  private readonly logger = new Logger('ServiceClient');
  private readonly connections: Agent;

  constructor(
    private readonly config: ServiceConfig,
    @Optional() private readonly tracing?: Tracing,
  ) {
    this.connections = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: config.HTTP_TIMEOUT_MS } });
  }

  async onApplicationShutdown(): Promise<void> {
    // Lets calls in flight finish, then closes the idle connections.
    await this.connections.close();
  }

  baseUrl(service: BackendService): string {
    const url = (this.config as unknown as Record<string, string | undefined>)[serviceUrlSetting(service)];
    if (!url) throw new Error(`${serviceUrlSetting(service)} is not configured for this service`);
    return url;
  }

  async request<T = unknown>(service: BackendService, request: ServiceRequest): Promise<ServiceResponse<T>> {
    const method = request.method ?? 'GET';
    const idempotent = request.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(method);
    const attempts = idempotent ? RETRY_DELAYS_MS.length + 1 : 1;
    let lastFailure = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await this.send<T>(service, request);
        if (!RETRYABLE_STATUSES.has(response.status) || attempt === attempts) return response;
        lastFailure = `HTTP ${response.status}`;
      } catch (error) {
        lastFailure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt - 1]));
    }
    this.logger.warn(`${method} ${service}${request.path} failed: ${lastFailure}`);
    throw ProblemException.serviceUnavailable('dependency-unavailable', `The ${service} service did not answer; try again shortly.`);
  }

  /**
   * One call, no retry: the answer, whatever its status; a network failure or timeout is
   * thrown as it came. For callers that keep their own retry schedule (the outbox relay).
   */
  async send<T = unknown>(service: BackendService, request: ServiceRequest): Promise<ServiceResponse<T>> {
    const url = new URL(request.path, this.baseUrl(service));
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      // Problems between services in English, the language they are raised in: a service that
      // passes one on (code, detail) to its caller localises it there, by its code.
      'accept-language': 'en',
      [SERVICE_TOKEN_HEADER]: this.config.SERVICE_TOKEN,
      ...request.headers,
    };
    const requestId = currentRequestId();
    if (requestId && !headers['x-request-id']) headers['x-request-id'] = requestId;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.rawBody) headers['content-type'] = request.rawBody.contentType;
    const method = request.method ?? 'GET';
    // A call made for a traced request is a span of its trace, and the callee continues it.
    const span = this.tracing?.enabled && currentSpan()
      ? this.tracing.start(`${method} ${service}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'server.address': url.hostname, 'url.path': url.pathname, 'peer.service': service } })
      : undefined;
    if (span) Object.assign(headers, traceHeadersOf(span));
    try {
      const response = await undiciRequest(url, {
        method,
        headers,
        body: request.rawBody ? request.rawBody.bytes : request.body === undefined ? undefined : JSON.stringify(request.body),
        dispatcher: this.connections,
        headersTimeout: this.config.HTTP_TIMEOUT_MS,
        bodyTimeout: this.config.HTTP_TIMEOUT_MS,
      });
      const type = String(response.headers['content-type'] ?? '');
      // A file (a signed result's PDF) comes as its bytes: read as text it would be mangled.
      const text = type.startsWith('application/pdf') ? undefined : await response.body.text();
      const body = (text === undefined ? Buffer.from(await response.body.arrayBuffer()) : text && type.includes('json') ? JSON.parse(text) : text) as T;
      endSpan(span, { status: response.statusCode });
      return { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      endSpan(span, { error });
      throw error;
    }
  }
}
