import { type INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Express, NextFunction, Request, Response } from 'express';
import { ProblemDetailsFilter } from '../errors/problem.filter.js';
import { validationProblem, PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';
import { requestContextMiddleware } from '../request-context/request-context.js';
import { buildServiceDocument } from '../openapi/service-document.js';
import { accessLogMiddleware } from '../logging/access-log.js';
import { ServiceConfig } from '../config/config.js';

export const API_PREFIX = 'api/v1';

/** Validation every service applies to every input: unknown fields are refused, types converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: validationProblem,
    validationError: { target: false, value: false },
  });
}

/**
 * File uploads: `POST …/documents` (e.g. `/api/v1/dossiers/{code}/documents`) is the one kind
 * of route that takes `multipart/form-data`, which its handler reads as a stream. Matched on
 * the path because middleware runs before Nest has picked the handler.
 */
export const MULTIPART_UPLOAD_PATH = /\/documents\/?$/;

export function isMultipartUploadRoute(req: Request): boolean {
  return req.method === 'POST' && MULTIPART_UPLOAD_PATH.test(req.path);
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
    res.status(415).type(PROBLEM_CONTENT_TYPE).send(
      JSON.stringify({
        type: problemType('unsupported-media-type'),
        title: 'Unsupported media type',
        status: 415,
        code: 'unsupported-media-type',
        detail: upload ? 'Send the file as multipart/form-data.' : 'Send the body as application/json.',
        instance: req.path,
      }),
    );
    return;
  }
  next();
}

/**
 * The HTTP conventions of every backend service: request ids, access log, JSON bodies,
 * validation, problem+json errors, `/api/v1` prefix for the public API, and the service's
 * own OpenAPI document at `/openapi.json` for the gateway to merge.
 */
export function configureServiceApp(app: INestApplication, service: string): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(requestContextMiddleware);
  express.use(accessLogMiddleware);
  express.use(requireJsonBodies);
  express.useBodyParser('json', { limit: app.get(ServiceConfig).BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  express.useGlobalPipes(createValidationPipe());
  express.useGlobalFilters(new ProblemDetailsFilter());
  express.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'internal/events', method: RequestMethod.POST },
    ],
  });
  let document: OpenAPIObject | undefined;
  (express.getHttpAdapter().getInstance() as Express).get('/openapi.json', (_req: Request, res: Response) => {
    document ??= buildServiceDocument(app, service);
    res.json(document);
  });
}
