import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DocsService } from './docs.service.js';

@ApiExcludeController()
@Controller('api')
export class DocsController {
  constructor(private readonly docs: DocsService) {}

  /** The merged OpenAPI 3.1 document of the whole public API. */
  @Get('openapi.json')
  @Header('cache-control', 'no-cache')
  document(): Promise<Record<string, unknown>> {
    return this.docs.publicDocument();
  }
}
