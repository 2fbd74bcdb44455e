import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of one service, which the gateway merges into the public one. */
export function buildServiceDocument(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${service} service`)
    .setDescription(`Operations owned by the ${service} service.`)
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Unique across services, so the merged document has no clashes.
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}
