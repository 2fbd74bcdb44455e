import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, type Observable, switchMap } from 'rxjs';
import type { AuthenticatedRequest } from '@onestop/platform';
import { OfficersService } from './officers.service.js';

/**
 * Every verified officer calling this service is known to the directory, so the leader who
 * assigns a case finds them: runs after the guards have verified the caller, before the handler.
 */
@Injectable()
export class OfficerSignInInterceptor implements NestInterceptor {
  constructor(private readonly officers: OfficersService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
    if (!caller) return next.handle();
    return from(this.officers.observe(caller)).pipe(switchMap(() => next.handle()));
  }
}
