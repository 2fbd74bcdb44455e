import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ApiKeyScope, Role } from '@onestop/domain';
import { ProblemException } from '../errors/problem.js';
import { type Caller, CallerResolver } from './caller.js';

const ROLES_KEY = 'onestop:roles';
const SCOPES_KEY = 'onestop:scopes';

/** Declares who may call an endpoint; an endpoint without it (and without `@Scopes`) is public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Declares the API-key scopes that may call an endpoint, besides the roles `@Roles` names. */
export const Scopes = (...scopes: ApiKeyScope[]) => SetMetadata(SCOPES_KEY, scopes);

export type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * Enforces `@Roles(...)`: 401 without credentials or with a refused one (`invalid-token`), 403
 * without one of the roles. Public endpoints need none, but refuse one that is sent and invalid.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const scopes = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(SCOPES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (roles.length === 0 && scopes.length === 0) {
      // Public, but a credential that is sent is checked, as the gateway does at the door: an
      // expired or forged token gets the same 401 whichever way the service is reached.
      if (request.headers.authorization !== undefined) await this.callers.resolve(request);
      return true;
    }
    const caller = await this.callers.resolve(request);
    if (!caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'This operation needs credentials: send Authorization: Bearer <token>.');
    }
    if (!caller.roles.some((role) => roles.includes(role)) && !(caller.scopes ?? []).some((scope) => scopes.includes(scope))) {
      const needs = [roles.length ? `one of the roles ${roles.join(', ')}` : '', scopes.length ? `an API key with the scope ${scopes.join(' or ')}` : ''].filter(Boolean).join(', or ');
      throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs ${needs}.`);
    }
    request.caller = caller;
    return true;
  }
}
