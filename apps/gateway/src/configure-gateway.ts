import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { accessLogMiddleware, buildServiceDocument, createValidationPipe, ProblemDetailsFilter, requestContextMiddleware, requireJsonBodies } from '@onestop/platform';
import { GatewayConfig } from './config.js';
import { DocsService } from './docs/docs.service.js';
import { createRoutingMiddleware } from './routing/proxy.middleware.js';

/**
 * The gateway's HTTP pipeline. Routed requests leave before any body parsing; what stays
 * (docs, health, and the gateway's own resources such as `/api/v1/auth`) gets the same
 * validation and problem+json answers as every service.
 */
export function configureGatewayApp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(accessLogMiddleware);
  app.use(createRoutingMiddleware(app.get(GatewayConfig)));
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: app.get(GatewayConfig).BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
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
