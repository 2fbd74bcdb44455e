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
import { createServiceProxy } from './routing/service-proxy.js';
import { installDoor } from './door/door.js';
import { routeTemplateOf } from './routing/resource-routes.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditService } from './audit/audit.service.js';
import { createAuditMiddleware } from './audit/audit.middleware.js';
import { createIdentityMiddleware } from './identity/identity.middleware.js';
import { CredentialRefusals, corsHeaders, credentialFailureLimits, rateLimits, securityHeaders } from './limits/limits.js';

/**
 * The gateway's HTTP pipeline: the door (door/door.ts) in front of Express, whose steps every
 * request passes; routed requests leave from there, before Express and any body parsing; what
 * stays (docs, health, and the gateway's own resources such as `/api/v1/auth`) goes on to
 * Express and Nest, with the same validation and problem+json answers as every service.
 */
export function configureGatewayApp(app: NestExpressApplication): void {
  const config = app.get(GatewayConfig);
  app.disable('x-powered-by');
  // Answered before the door's steps: a scrape is no client's request.
  serveMetrics(app);
  const refusals = app.get(CredentialRefusals);
  const proxy = createServiceProxy(config, app.get(Tracing));
  app.getHttpServer().once('close', () => void proxy.close());
  installDoor(app, {
    trustedProxies: config.TRUSTED_PROXIES,
    steps: [
      requestContextMiddleware,
      // The public door starts every trace (a client's traceparent is not continued); a routed
      // request is counted under its resource's template, which names the service that answered.
      observeRequests(app.get(Metrics), app.get(Tracing), { continueIncomingTrace: false, routeOf: (req) => routeTemplateOf(req.url ?? '/') }),
      accessLogMiddleware,
      securityHeaders(),
      corsHeaders(config),
      // Credentials first: the rate limit counts per client and the audit names who acted; refused
      // credentials are counted per address, as they name no client, and once an address has used
      // up its refusals the identity check answers its refused ones 429 (valid ones pass).
      credentialFailureLimits(refusals),
      createIdentityMiddleware(app.get(ApiKeysService), app.get(CallerResolver), refusals),
      rateLimits(config),
      createAuditMiddleware(app.get(AuditService)),
    ],
    // Routed requests leave here, before Express and any body parsing.
    routed: proxy.forward,
  });
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
