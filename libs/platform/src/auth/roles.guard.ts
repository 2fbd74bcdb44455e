import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { accessRuleOf, admitted } from './access-rule.js';
import { type Caller, CallerResolver } from './caller.js';

export type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * Enforces the rule `@Access` names: 401 without credentials or with a refused one
 * (`invalid-token`), 403 without one of its roles or scopes. Public operations need none, but
 * refuse one that is sent and invalid; a `lookup-code` rule lets the code through instead.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly callers: CallerResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule.entry !== 'signed-in') {
      // A credential that is sent is checked, as the gateway does at the door: an expired or
      // forged token gets the same 401 whichever way the service is reached. Kept on the
      // request for the audit log, which names who acted.
      if (request.headers.authorization !== undefined) request.caller = await this.callers.resolve(request);
      // The lookup code, when sent, is checked by the handler (404 when wrong, counted).
      if (rule.entry !== 'lookup-code' || rule.checkedByHandler || request.query?.secret !== undefined) return true;
      admitted(rule, request.caller);
      return true;
    }
    // Known before the roles are checked, so a refused change is audited under its caller too.
    request.caller = await this.callers.resolve(request);
    admitted(rule, request.caller);
    return true;
  }
}
