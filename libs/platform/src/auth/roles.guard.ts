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

const SIGN_IN_OPTIONAL_KEY = 'onestop:sign-in-optional';

/**
 * Marks a public endpoint (no `@Roles`, no `@Scopes`) that reads the caller when a bearer token
 * is sent (a signed-in citizen sees their own complaint, a report reader gets more figures, or
 * the lookup code stands in for a sign-in of `roles`): its OpenAPI security is "none, or a
 * bearer token" (of those roles). Changes nothing in what the guard allows.
 */
export const SignInOptional = (...roles: Role[]) => SetMetadata(SIGN_IN_OPTIONAL_KEY, roles);

/** Who may call an endpoint, as its decorators say: what the guard enforces and the OpenAPI document declares. */
export interface RouteAccess {
  roles: Role[];
  scopes: ApiKeyScope[];
  /** Public, and reads a bearer token when one is sent (`@SignInOptional`). */
  signInOptional: boolean;
  /** The roles `@SignInOptional` names, whose token counts when one is sent (any, when none). */
  optionalRoles: Role[];
}

/** The access `@Roles`, `@Scopes` and `@SignInOptional` declare on a handler or its controller (the handler's win). */
export function routeAccess(handler: object, controller: object): RouteAccess {
  const read = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
  const optional = read<Role[]>(SIGN_IN_OPTIONAL_KEY);
  return { roles: read<Role[]>(ROLES_KEY) ?? [], scopes: read<ApiKeyScope[]>(SCOPES_KEY) ?? [], signInOptional: optional !== undefined, optionalRoles: optional ?? [] };
}

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
      // Kept on the request for the audit log, which names who acted.
      if (request.headers.authorization !== undefined) request.caller = await this.callers.resolve(request);
      return true;
    }
    const caller = await this.callers.resolve(request);
    // Known before the roles are checked, so a refused change is audited under its caller too.
    request.caller = caller;
    if (!caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'This operation needs credentials: send Authorization: Bearer <token>.');
    }
    if (!caller.roles.some((role) => roles.includes(role)) && !(caller.scopes ?? []).some((scope) => scopes.includes(scope))) {
      const needs = [roles.length ? `one of the roles ${roles.join(', ')}` : '', scopes.length ? `an API key with the scope ${scopes.join(' or ')}` : ''].filter(Boolean).join(', or ');
      throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs ${needs}.`);
    }
    return true;
  }
}
