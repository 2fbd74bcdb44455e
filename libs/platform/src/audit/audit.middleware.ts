import { isIP } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/roles.guard.js';
import type { CallerResolver } from '../auth/caller.js';
import { SERVICE_TOKEN_HEADER } from '../auth/service-token.guard.js';
import { currentRequestId } from '../request-context/request-context.js';
import { auditHintsOf } from './audit-hints.js';
import type { AuditLog } from './audit-log.js';

/** The methods that change something: every one of them is audited, whatever its outcome. */
export const AUDITED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Where the request came from. The socket's peer, unless the request holds the service
 * credential and an `X-Forwarded-For`: then it came through the gateway, which sets that header
 * to the one client address it trusts (its TRUSTED_PROXIES decide) and the credential on every
 * routed request. Anyone else's X-Forwarded-For is their own say-so, and ignored.
 */
export function clientAddressOf(req: Request, serviceToken: string): string | null {
  const peer = req.socket.remoteAddress ?? null;
  const forwarded = req.header('x-forwarded-for');
  const credential = req.header(SERVICE_TOKEN_HEADER);
  if (!forwarded || !credential || !sameSecret(credential, serviceToken)) return peer;
  const client = forwarded.split(',').pop()!.trim();
  return isIP(client) ? client : peer;
}

/**
 * Every change a backend service answers on its public API (`/api/...`: POST, PUT, PATCH,
 * DELETE; not `/internal/...`) is written to its own audit log once it is answered, whatever
 * the outcome, by the same rules whichever way the request came: the caller the roles guard
 * verified (or, for a request turned away before the guard, the credential verified here),
 * method and path (no query string), what the controller names (the case action, a
 * shipment's dossier: setAuditHints), the status, the client address (clientAddressOf).
 */
export function createAuditMiddleware(audit: AuditLog, callers: CallerResolver, serviceToken: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!AUDITED_METHODS.has(req.method) || !req.path.startsWith('/api/')) return next();
    const requestId = currentRequestId() ?? null;
    const path = req.path;
    const method = req.method;
    res.on('finish', () => {
      void (async () => {
        let caller = (req as AuthenticatedRequest).caller;
        if (!caller && req.headers.authorization !== undefined) caller = await callers.resolve(req).catch(() => undefined);
        const hints = auditHintsOf(res);
        const location = res.getHeader('location');
        await audit.record({
          actor: caller?.subject ?? null,
          method,
          path,
          status: res.statusCode,
          clientIp: clientAddressOf(req, serviceToken),
          requestId,
          location: typeof location === 'string' ? location : undefined,
          action: hints.action,
          dossierCode: hints.dossierCode,
        });
      })();
    });
    next();
  };
}
