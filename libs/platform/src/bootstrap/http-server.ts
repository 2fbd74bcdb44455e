import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { localiseProblem, problemLanguage } from '../errors/problem-language.js';

/** Node's own refusals, by the parser's error code; anything else it cannot read is a 400. */
const PROTOCOL_ANSWERS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers-too-large', detail: 'The request line and headers are larger than the server reads (16 KiB).' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'payload-too-large', detail: 'The chunk extensions of the body are larger than the server reads.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', detail: 'The request did not arrive in time.' },
};
const MALFORMED = { status: 400, code: 'malformed-request', detail: 'The request is not valid HTTP/1.1 (for example a control character in a header, or a malformed request line or chunk).' };

/**
 * The `Accept-Language` of a request the parser refused, if a whole line of it is among the bytes
 * read (the parser's `rawPacket`): there is no request object to ask. Without one the answer is
 * in Vietnamese, as for any request that does not ask for English.
 */
function acceptLanguageRead(rawPacket: unknown): string | undefined {
  if (!Buffer.isBuffer(rawPacket)) return undefined;
  return /\r\naccept-language:[ \t]*([^\r\n]*)\r\n/i.exec(rawPacket.toString('latin1'))?.[1];
}

/** How long a socket answered this way may stay half-closed, waiting for the client's end. */
const LINGER_MS = 5_000;

/**
 * Node answers requests its HTTP parser cannot read (a control character in a header, headers
 * over 16 KiB, a broken chunk) itself, with a bare `400 Bad Request` or `431` and no body, before
 * any middleware runs. This answers them as the rest of the API does instead: a problem+json
 * body with a stable `code`, an `X-Request-Id` made for it (there is no request to take one
 * from) and `Connection: close`, written straight to the socket (Node's `clientError` event).
 * Nothing is written where an answer has already started; a reset connection is just closed.
 */
export function answerProtocolErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, detail } = PROTOCOL_ANSWERS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const language = problemLanguage(acceptLanguageRead((error as NodeJS.ErrnoException & { rawPacket?: unknown }).rawPacket));
    const body = JSON.stringify(localiseProblem({ type: problemType(code), title, status, code, detail, requestId }, language));
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Language: ${language}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}

/** `http://host` (or any scheme and authority) at the start of an absolute-form request target. */
const SCHEME_AND_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * A request target in absolute form (`GET http://host/api/v1/lookup?… HTTP/1.1`, RFC 9112
 * §3.2.2, which a server must accept) read as its origin form (`/api/v1/lookup?…`), before
 * anything routes on it. The rest of the target is kept byte for byte (no URL parsing: dot
 * segments and encodings stay for the checks that refuse them).
 */
export function readAbsoluteFormAsOriginForm(server: Server): void {
  server.prependListener('request', (req: IncomingMessage) => {
    const target = req.url ?? '';
    if (target.startsWith('/')) return;
    const absolute = SCHEME_AND_AUTHORITY.exec(target);
    if (!absolute) return;
    const rest = target.slice(absolute[0].length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
  });
}

/** Both of the above, for every service's HTTP server and the gateway's. */
export function guardHttpServer(server: Server): void {
  answerProtocolErrorsAsProblems(server);
  readAbsoluteFormAsOriginForm(server);
}
