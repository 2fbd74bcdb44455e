import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Pool } from 'undici';
import { type BackendService, serviceUrlSetting } from '@onestop/domain';
import { endSpan, pathOf, ProblemException, SERVICE_TOKEN_HEADER, serverSpanOf, SpanKind, traceHeadersOf, type Tracing } from '@onestop/platform';
import type { GatewayConfig } from '../config.js';
import { answerProblem, clientAddressOf } from '../door/door.js';
import { markAnsweredByService } from '../audit/audit.middleware.js';
import { isTraversal, ownerOf, PUBLIC_PREFIX } from './resource-routes.js';

const logger = new Logger('Proxy');

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), so they are not
 * passed on; `host` is the service's own (undici sets it), `expect` was answered by Node here.
 * A client's W3C trace context goes no further than the door either: the gateway starts every trace.
 */
const NOT_FORWARDED_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'expect', 'traceparent', 'tracestate', SERVICE_TOKEN_HEADER]);
const NOT_FORWARDED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Node and undici refuse the headers a connection header names as hop-by-hop too. */
function connectionTokens(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Set<string> {
  const value = headers.connection;
  if (!value) return new Set();
  return new Set((Array.isArray(value) ? value.join(',') : value).split(',').map((token) => token.trim().toLowerCase()));
}

function appended(existing: string | string[] | undefined, value: string): string {
  const before = Array.isArray(existing) ? existing.join(',') : existing;
  return before ? `${before},${value}` : value;
}

/** What the service receives: the client's headers, less the hop-by-hop ones, plus who sent it. */
function upstreamHeaders(req: IncomingMessage, serviceToken: string): Record<string, string | string[]> {
  const incoming = req.headers;
  const dropped = connectionTokens(incoming);
  const headers: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || NOT_FORWARDED_REQUEST_HEADERS.has(name) || dropped.has(name)) continue;
    headers[name] = value;
  }
  // Only services hold the service credential; a client's is replaced by the gateway's own,
  // which vouches for the one client address it sends along: the address the door judged
  // (TRUSTED_PROXIES decide), for the service's audit log. A client's X-Forwarded-For goes no further.
  headers[SERVICE_TOKEN_HEADER] = serviceToken;
  headers['x-forwarded-for'] = clientAddressOf(req);
  // As a reverse proxy adds them (links in answers, such as report downloads, name the public address).
  headers['x-forwarded-host'] = (incoming['x-forwarded-host'] as string | undefined) ?? incoming.host ?? '';
  headers['x-forwarded-proto'] = appended(incoming['x-forwarded-proto'], 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  headers['x-forwarded-port'] = appended(incoming['x-forwarded-port'], String(req.socket.localPort ?? ''));
  return headers;
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const dropped = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || NOT_FORWARDED_RESPONSE_HEADERS.has(name) || dropped.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Whether a request carries a body to pass on (a GET or DELETE normally does not). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Bodies up to this size (a dossier, an action) are read whole and sent in one write with the
 * headers; larger, chunked and multipart ones (uploads) are streamed as they arrive, so the
 * service judges and stores a file while it comes. The bytes are the same either way.
 */
const WHOLE_BODY_BYTES = 64 * 1024;

/** Calls `send` with the request's body: whole when small, else the stream itself; never when the client gave up mid-body. */
function withBody(req: IncomingMessage, send: (body: Buffer | IncomingMessage | null) => void): void {
  if (!hasBody(req)) return send(null);
  const length = Number(req.headers['content-length']);
  const multipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
  if (multipart || req.headers['transfer-encoding'] !== undefined || !(length <= WHOLE_BODY_BYTES)) return send(req);
  const chunks: Buffer[] = [];
  // A client that goes away mid-body is seen on the response ('close'); nothing is sent on.
  req.once('error', () => undefined);
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => send(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/**
 * Routing of the public API: each `/api/v1/<resource>` request is streamed, untouched, to the
 * service that owns the resource, over a pool of kept-alive connections per service (undici).
 * Bodies are not parsed here, so large and streamed bodies pass through as they came, both ways.
 * A service that cannot be reached answers 503, one that takes longer than PROXY_TIMEOUT_MS
 * to answer (or between two parts of its answer) 504, both as problem+json. Returns false for a
 * request no service owns, which the gateway answers itself.
 */
export function createServiceProxy(config: GatewayConfig, tracing?: Tracing): { forward(req: IncomingMessage, res: ServerResponse): boolean; close(): Promise<void> } {
  const urls = config as unknown as Record<string, string>;
  const pools = new Map<BackendService, Pool>();
  const poolOf = (service: BackendService): Pool => {
    let pool = pools.get(service);
    if (!pool) {
      pool = new Pool(urls[serviceUrlSetting(service)], { connections: 256, headersTimeout: config.PROXY_TIMEOUT_MS, bodyTimeout: config.PROXY_TIMEOUT_MS });
      pools.set(service, pool);
    }
    return pool;
  };

  const forward = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '/';
    const path = pathOf(req);
    if (path.startsWith(PUBLIC_PREFIX) && isTraversal(url)) {
      answerProblem(req, res, ProblemException.badRequest('invalid-path', 'The path may not contain dot segments or encoded separators.'));
      return true;
    }
    const service = ownerOf(path);
    if (!service) return false;
    const headers = upstreamHeaders(req, config.SERVICE_TOKEN);
    const parent = tracing?.enabled ? serverSpanOf(req) : undefined;
    const span = parent ? tracing!.start(`${req.method} ${service}`, { kind: SpanKind.CLIENT, parent, attributes: { 'http.request.method': req.method ?? '', 'peer.service': service } }) : undefined;
    if (span) Object.assign(headers, traceHeadersOf(span));
    // The client went away: stop the service's work on its behalf and free the connection. (An
    // emitter, which undici takes as a signal too, costs a fraction of an AbortController.)
    const abandoned = new EventEmitter();
    let clientGone = false;
    res.once('close', () => {
      if (res.writableFinished) return;
      clientGone = true;
      abandoned.emit('abort');
    });
    let status: number | undefined;
    withBody(req, (body) =>
      poolOf(service)
        .stream(
          { path: url, method: (req.method ?? 'GET') as 'GET', headers, body, signal: abandoned },
          ({ statusCode, headers: answered }) => {
            status = statusCode;
            // The service answered, and audited the change itself.
            markAnsweredByService(res);
            res.writeHead(statusCode, responseHeaders(answered));
            return res;
          },
        )
        .then(
          () => endSpan(span, { status }),
          (error: NodeJS.ErrnoException) => {
            endSpan(span, { error });
            if (clientGone || res.destroyed) return;
            if (TIMEOUT_CODES.has(error.code ?? '')) {
              logger.warn(`${service} timed out on ${path}`);
              answerProblem(req, res, new ProblemException(504, 'service-timeout', 'Gateway timeout', `The ${service} service did not answer in time.`));
              return;
            }
            logger.warn(`${service} unreachable on ${path}: ${error.code ?? error.message}`);
            answerProblem(req, res, new ProblemException(503, 'service-unavailable', 'Service unavailable', `The ${service} service is unavailable; try again shortly.`));
          },
        ),
    );
    return true;
  };

  return {
    forward,
    close: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
