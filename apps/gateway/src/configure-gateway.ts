import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import {
  accessLogMiddleware,
  buildServiceDocument,
  CallerResolver,
  createValidationPipe,
  jsonBodyParser,
  Metrics,
  observeRequests,
  ProblemDetailsFilter,
  requestContextMiddleware,
  requireJsonBodies,
  serveMetrics,
  Tracing,
} from '@onestop/platform';
import { GatewayConfig } from './config.js';
import { DocsService } from './docs/docs.service.js';
import { createRoutingMiddleware } from './routing/proxy.middleware.js';
import { routeTemplateOf } from './routing/resource-routes.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditService } from './audit/audit.service.js';
import { createAuditMiddleware } from './audit/audit.middleware.js';
import { createIdentityMiddleware } from './identity/identity.middleware.js';
import { CredentialRefusals, credentialFailureLimits, enableCors, rateLimits, securityHeaders } from './limits/limits.js';

/**
 * The gateway's HTTP pipeline. Routed requests leave before any body parsing; what stays
 * (docs, health, and the gateway's own resources such as `/api/v1/auth`) gets the same
 * validation and problem+json answers as every service.
 */
export function configureGatewayApp(app: NestExpressApplication): void {
  const config = app.get(GatewayConfig);
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUSTED_PROXIES);
  // First: a scrape is answered before the limits and the credential checks, and is no client's request.
  serveMetrics(app);
  app.use(requestContextMiddleware);
  // The public door starts every trace (a client's traceparent is not continued); a routed
  // request is counted under its resource's template, which names the service that answered.
  app.use(observeRequests(app.get(Metrics), app.get(Tracing), { continueIncomingTrace: false, routeOf: (req) => routeTemplateOf(req.originalUrl ?? req.url) }));
  app.use(accessLogMiddleware);
  app.use(securityHeaders());
  enableCors(app, config);
  // Credentials first: the rate limit counts per client and the audit names who acted; refused
  // credentials are counted per address, as they name no client, and once an address has used
  // up its refusals the identity check answers its refused ones 429 (valid ones pass).
  const refusals = app.get(CredentialRefusals);
  app.use(credentialFailureLimits(refusals));
  app.use(createIdentityMiddleware(app.get(ApiKeysService), app.get(CallerResolver), refusals));
  app.use(rateLimits(config));
  app.use(createAuditMiddleware(app.get(AuditService)));
  app.use(createRoutingMiddleware(config, app.get(Tracing)));
  app.use(requireJsonBodies);
  app.use(jsonBodyParser(config.BODY_LIMIT_BYTES));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.get(DocsService).describeGatewayWith(() => buildServiceDocument(app, 'gateway'));
  SwaggerModule.setup('api/docs', app, { openapi: '3.1.0', info: { title: 'One-stop public services API', version: '1' }, paths: {} }, {
    raw: false,
    customSiteTitle: 'One-stop public services API',
    // The UI loads the merged document, which the gateway assembles from the services.
    swaggerOptions: { url: '/api/openapi.json', spec: null },
  });
}
