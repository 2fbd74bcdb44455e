import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type IncomingMessage, type ServerResponse, STATUS_CODES as STATUS_CODES_TEXT } from 'node:http';
import { currentRequestId } from '../request-context/request-context.js';
import { pathOf } from '../request-context/request-path.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument, ProblemException, problemType } from './problem.js';
import { localiseProblem, problemLanguage, setProblemLanguageHeaders } from './problem-language.js';

const STATUS_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

/**
 * PostgreSQL out of reach (restarting, refusing connections, connections cut): not the caller's
 * fault and not a bug, so a 503 to retry rather than a 500. SQLSTATE classes 08 (connection)
 * and 57P (operator intervention), and the network errors of a refused or reset connection.
 */
const DATABASE_UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown; message?: unknown }; message?: unknown } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (typeof code === 'string' && DATABASE_UNAVAILABLE_CODES.has(code)) return true;
  const message = String(candidate?.driverError?.message ?? candidate?.message ?? '');
  // TypeORM releases a query runner whose connection failed; the transaction's next statement
  // (often its COMMIT) then meets the released runner rather than the connection error.
  if (RELEASED_RUNNER_ERRORS.has((error as Error | undefined)?.name ?? '')) return true;
  return CONNECTION_LOST_MESSAGES.test(message);
}

const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/** pg and pg-pool raise these without a SQLSTATE or an errno. */
const CONNECTION_LOST_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|timeout expired|Client has encountered a connection error|Client was closed and is not queryable|Driver not Connected/i;

/** An error from the http-errors package, as Express's body parser raises them. */
function isHttpError(error: unknown): boolean {
  return error instanceof Error && typeof (error as BodyParserError).status === 'number' && typeof (error as BodyParserError).expose === 'boolean';
}

/** Errors raised by Express's body parser before Nest sees the request. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Turns every error into `application/problem+json`. Unknown errors become a 500 with no
 * internals in the answer; the full error goes to the log under the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const problem = this.toProblem(exception, request);
    // The path only: query strings carry searches by applicant name, ID number or phone.
    const path = request.originalUrl?.split('?')[0];
    if (problem.status === 503 && problem.code === 'database-unavailable') {
      this.logger.warn(`${request.method} ${path}: database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (problem.status >= 500) {
      this.logger.error(`${request.method} ${path} failed`, exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    this.send(exception, problem, request, response);
  }

  /**
   * Answers a problem, in the caller's language (`Accept-Language`: English on request,
   * Vietnamese otherwise, see `problemLanguage`) with `Content-Language`, and `Retry-After` when
   * the problem passes. For middleware that answers before Nest's filters can (the gateway's door).
   */
  respond(exception: unknown, request: IncomingMessage, response: ServerResponse): void {
    const problem = this.toProblem(exception, request);
    const body = this.prepare(exception, problem, request, response);
    // Written as Express's `send` writes it, for middleware that runs before Express does.
    response.statusCode = problem.status;
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  }

  private send(exception: unknown, problem: ProblemDocument, request: Request, response: Response): void {
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(this.prepare(exception, problem, request, response));
  }

  /** The body of the answer, in the caller's language, with the headers that go with it set. */
  private prepare(exception: unknown, problem: ProblemDocument, request: IncomingMessage, response: ServerResponse): string {
    if (problem.code === 'database-unavailable') response.setHeader('Retry-After', '2');
    if (exception instanceof ProblemException && exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    const language = problemLanguage(request.headers?.['accept-language']);
    setProblemLanguageHeaders(response, language);
    return JSON.stringify(localiseProblem(problem, language));
  }

  /** The problem as raised, in English (the language of the code); `respond` localises it. */
  toProblem(exception: unknown, request: IncomingMessage): ProblemDocument {
    const base = { instance: pathOf(request), requestId: currentRequestId() };
    if (exception instanceof ProblemException) {
      // Extensions first: they add members, never replace the standard ones.
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title: exception.title,
        status: exception.getStatus(),
        code: exception.code,
        detail: exception.detail,
        ...base,
      };
    }
    // Nest wraps body-parser and URI errors in an HttpException; the original is the cause.
    const parserError = (exception instanceof HttpException ? exception.cause : exception) as BodyParserError | undefined;
    if (parserError?.type === 'entity.parse.failed') {
      return { type: problemType('malformed-body'), title: 'Bad request', status: 400, code: 'malformed-body', detail: 'The request body is not valid JSON.', ...base };
    }
    if (parserError?.type === 'entity.too.large') {
      return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, code: 'payload-too-large', detail: 'The request body is larger than allowed.', ...base };
    }
    if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
      // The parser's message names the charset or encoding it does not read, nothing more.
      return { type: problemType('unsupported-media-type'), title: 'Unsupported media type', status: 415, code: 'unsupported-media-type', detail: `The body cannot be read: ${parserError.message}.`, ...base };
    }
    if (exception instanceof HttpException && exception.getStatus() === 400 && isHttpError(parserError)) {
      // Any other body the parser could not read (a compressed body that does not inflate, one
      // shorter than its Content-Length...).
      return { type: problemType('malformed-body'), title: 'Bad request', status: 400, code: 'malformed-body', detail: 'The request body cannot be read.', ...base };
    }
    if (parserError instanceof URIError) {
      return { type: problemType('malformed-path'), title: 'Bad request', status: 400, code: 'malformed-path', detail: 'The path has an invalid percent-encoding.', ...base };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : exception.message;
      if (status === HttpStatus.NOT_FOUND && detail.startsWith('Cannot ')) {
        return { type: problemType('route-not-found'), title: 'Not found', status, code: 'route-not-found', detail: `No route ${request.method} ${base.instance}`, ...base };
      }
      // A plain HttpException has no name worth showing ("Http"): the status's own words then.
      const title = exception.constructor === HttpException ? (STATUS_CODES_TEXT[status] ?? 'Error') : exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
      return { type: problemType(code), title, status, code, detail, ...base };
    }
    if (isDatabaseUnavailable(exception)) {
      return { type: problemType('database-unavailable'), title: 'Service unavailable', status: 503, code: 'database-unavailable', detail: 'The database is out of reach for a moment; try again shortly.', ...base };
    }
    return { type: problemType('internal-error'), title: 'Internal error', status: 500, code: 'internal-error', detail: 'The server could not complete the request; it has been logged under the request id.', ...base };
  }
}
