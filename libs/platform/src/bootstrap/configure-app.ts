import { type ArgumentMetadata, type INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { ProblemDetailsFilter } from '../errors/problem.filter.js';
import { refuseUnreadableInput } from '../errors/unreadable-input.js';
import { validationProblem, PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { localiseProblem, problemLanguage, setProblemLanguageHeaders } from '../errors/problem-language.js';
import { requestContextMiddleware } from '../request-context/request-context.js';
import { buildServiceDocument } from '../openapi/service-document.js';
import { accessLogMiddleware } from '../logging/access-log.js';
import { ServiceConfig } from '../config/config.js';
import { AuditLog } from '../audit/audit-log.js';
import { createAuditMiddleware } from '../audit/audit.middleware.js';
import { CallerResolver } from '../auth/caller.js';
import { jsonBodyParser } from './json-body.js';
import { Metrics } from '../metrics/metrics.js';
import { observeRequests, serveMetrics } from '../metrics/observe-requests.js';
import { Tracing } from '../tracing/tracing.js';

export const API_PREFIX = 'api/v1';

/**
 * The global ValidationPipe, after the checks no operation's DTO could make (NUL characters,
 * reserved keys, absurd nesting: `refuseUnreadableInput`).
 */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    refuseUnreadableInput(value, metadata);
    return super.transform(value, metadata);
  }
}

/** Validation every service applies to every input: unknown fields are refused, types converted. */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: validationProblem,
    validationError: { target: false, value: false },
  });
}

/**
 * File uploads: `POST …/documents` (e.g. `/api/v1/dossiers/{code}/documents`), an electronic
 * result's PDF (`POST /api/v1/cases/{dossierCode}/results`) and a file to verify
 * (`POST /api/v1/results/verify`) are the routes that take `multipart/form-data`, which their
 * handlers read as a stream. Matched on the path because middleware runs before Nest has picked
 * the handler.
 */
export const MULTIPART_UPLOAD_PATH = /\/(documents|results|results\/verify)\/?$/;

export function isMultipartUploadRoute(req: Request): boolean {
  return req.method === 'POST' && MULTIPART_UPLOAD_PATH.test(req.path);
}

/**
 * Signed callbacks (a carrier's status callbacks, `POST /api/v1/carrier-callbacks/{carrier}`;
 * an SMS or Zalo provider's delivery receipts, `POST /api/v1/provider-receipts/{channel}`)
 * are verified over the exact bytes sent, which parsing and re-serialising would not give back.
 * The JSON parser keeps those bytes as `rawBody` on these routes only. Matched on the path, as
 * for uploads, because the parser runs before Nest has picked the handler.
 */
export const RAW_BODY_PATH = /\/(carrier-callbacks|provider-receipts)\/[^/]+\/?$/;

/** A request whose JSON body was also kept as received (routes matching RAW_BODY_PATH). */
export type RawBodyRequest = Request & { rawBody?: Buffer };

function keepRawBody(req: IncomingMessage, buffer: Buffer): void {
  if (req.method === 'POST' && RAW_BODY_PATH.test((req.url ?? '').split('?')[0])) (req as RawBodyRequest).rawBody = buffer;
}

/**
 * A body sent with a type other than JSON would otherwise be silently ignored and read as
 * "no fields"; say what is wrong instead. Upload routes take multipart/form-data instead.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const upload = isMultipartUploadRoute(req);
  if (upload && req.is('multipart/form-data')) {
    next();
    return;
  }
  if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is(['application/json', 'application/*+json'])) {
    const language = problemLanguage(req.headers['accept-language']);
    setProblemLanguageHeaders(res, language);
    res.status(415).type(PROBLEM_CONTENT_TYPE).send(
      JSON.stringify(
        localiseProblem(
          {
            type: problemType('unsupported-media-type'),
            title: 'Unsupported media type',
            status: 415,
            code: 'unsupported-media-type',
            detail: upload ? 'Send the file as multipart/form-data.' : 'Send the body as application/json.',
            instance: req.path,
          },
          language,
        ),
      ),
    );
    return;
  }
  next();
}

/**
 * The HTTP conventions of every backend service: request ids, access log, the audit log of
 * changes, JSON bodies, validation, problem+json errors, `/api/v1` prefix for the public API, and the service's
 * own OpenAPI document at `/openapi.json` for the gateway to merge.
 */
export function configureServiceApp(app: INestApplication, service: string): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // First: a scrape is answered before the access log, the audit and everything else.
  serveMetrics(app);
  express.use(requestContextMiddleware);
  express.use(observeRequests(app.get(Metrics), app.get(Tracing), { continueIncomingTrace: true }));
  express.use(accessLogMiddleware);
  // Every change on the public API is audited here, by the service that answers it, so a call
  // straight to the service is audited exactly as one routed by the gateway.
  express.use(createAuditMiddleware(app.get(AuditLog), app.get(CallerResolver), app.get(ServiceConfig).SERVICE_TOKEN));
  express.use(requireJsonBodies);
  // express.json itself rather than useBodyParser, whose options leave out `verify`.
  express.use(jsonBodyParser(app.get(ServiceConfig).BODY_LIMIT_BYTES, keepRawBody));
  express.useGlobalPipes(createValidationPipe());
  express.useGlobalFilters(new ProblemDetailsFilter());
  express.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'internal/events', method: RequestMethod.POST },
      // Internal endpoints between services (`/internal/...`, service credential, never routed by the gateway).
      { path: 'internal/*path', method: RequestMethod.ALL },
    ],
  });
  let document: OpenAPIObject | undefined;
  (express.getHttpAdapter().getInstance() as Express).get('/openapi.json', (_req: Request, res: Response) => {
    document ??= buildServiceDocument(app, service);
    res.json(document);
  });
}
