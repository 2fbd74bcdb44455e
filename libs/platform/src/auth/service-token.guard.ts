import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';

export const SERVICE_TOKEN_HEADER = 'x-service-token';

/**
 * Guards internal endpoints (`/internal/*`): only callers holding the services' shared
 * credential get in. The gateway never routes these paths and strips this header.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: ServiceConfig) {
    this.expected = Buffer.from(config.SERVICE_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const offered = Buffer.from(context.switchToHttp().getRequest<Request>().header(SERVICE_TOKEN_HEADER) ?? '');
    if (offered.length !== this.expected.length || !timingSafeEqual(offered, this.expected)) {
      throw new ProblemException(401, 'service-credential-required', 'Unauthorized', 'This endpoint is for services and needs the service credential.');
    }
    return true;
  }
}
