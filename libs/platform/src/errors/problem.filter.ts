import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentRequestId } from '../request-context/request-context.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument, ProblemException, problemType } from './problem.js';

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
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${request.originalUrl} failed`, exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, request: Request): ProblemDocument {
    const base = { instance: request.originalUrl?.split('?')[0], requestId: currentRequestId() };
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
      return { type: problemType(code), title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, code, detail, ...base };
    }
    return { type: problemType('internal-error'), title: 'Internal error', status: 500, code: 'internal-error', detail: 'The server could not complete the request; it has been logged under the request id.', ...base };
  }
}
