import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { accessLogMiddleware, buildServiceDocument, CallerResolver, createValidationPipe, ProblemDetailsFilter, requestContextMiddleware, requireJsonBodies } from '@onestop/platform';
import { GatewayConfig } from './config.js';
import { DocsService } from './docs/docs.service.js';
import { createRoutingMiddleware } from './routing/proxy.middleware.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditService } from './audit/audit.service.js';
import { createAuditMiddleware } from './audit/audit.middleware.js';
import { createIdentityMiddleware } from './identity/identity.middleware.js';
import { credentialFailureLimits, enableCors, rateLimits, securityHeaders } from './limits/limits.js';

/**
 * The gateway's HTTP pipeline. Routed requests leave before any body parsing; what stays
 * (docs, health, and the gateway's own resources such as `/api/v1/auth`) gets the same
 * validation and problem+json answers as every service.
 */
export function configureGatewayApp(app: NestExpressApplication): void {
  const config = app.get(GatewayConfig);
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUSTED_PROXIES);
  app.use(requestContextMiddleware);
  app.use(accessLogMiddleware);
  app.use(securityHeaders());
  enableCors(app, config);
  // Credentials first: the rate limit counts per client and the audit names who acted; refused
  // credentials are counted per address before, as they name no client.
  app.use(credentialFailureLimits(config));
  app.use(createIdentityMiddleware(app.get(ApiKeysService), app.get(CallerResolver)));
  app.use(rateLimits(config));
  app.use(createAuditMiddleware(app.get(AuditService)));
  app.use(createRoutingMiddleware(config));
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
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
