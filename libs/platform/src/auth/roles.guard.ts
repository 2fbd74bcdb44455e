import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@onestop/domain';
import { ProblemException } from '../errors/problem.js';
import { type Caller, CallerResolver } from './caller.js';

const ROLES_KEY = 'onestop:roles';

/** Declares who may call an endpoint; an endpoint without it is public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * Enforces `@Roles(...)`: 401 without credentials or with a refused one (`invalid-token`), 403
 * without one of the roles. Public endpoints never look at the credential.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.callers.resolve(request);
    if (!caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'This operation needs credentials: send Authorization: Bearer <token>.');
    }
    if (!caller.roles.some((role) => roles.includes(role))) {
      throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs one of the roles: ${roles.join(', ')}.`);
    }
    request.caller = caller;
    return true;
  }
}
