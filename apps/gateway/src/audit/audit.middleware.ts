import { AUDITED_METHODS, currentRequestId, pathOf } from '@onestop/platform';
import { principalOf } from '../identity/identity.middleware.js';
import { clientAddressOf, type DoorStep } from '../door/door.js';
import type { AuditService } from './audit.service.js';

const answeredByServices = new WeakSet<object>();

/** Marks an answer as coming from the service the request was routed to (the proxy calls it). */
export function markAnsweredByService(res: object): void {
  answeredByServices.add(res);
}

/**
 * Writes an audit entry for a change the gateway answers itself, whatever the outcome: its own
 * resources (API keys, sign-in), and routed requests it turned away or could not deliver (a
 * refused credential, a rate limit, a service down or too slow). A change a service answered
 * is audited by that service (the platform's audit middleware), so a routed change appears
 * once, and one sent straight to a service the same way. Bodies are never read here.
 */
export function createAuditMiddleware(audit: AuditService): DoorStep {
  return (req, res, next) => {
    const path = pathOf(req);
    const method = req.method ?? '';
    if (!path.startsWith('/api/') || !AUDITED_METHODS.has(method)) return next();
    const requestId = currentRequestId() ?? null;
    const clientIp = clientAddressOf(req);
    res.on('finish', () => {
      if (answeredByServices.has(res)) return;
      const location = res.getHeader('location');
      void audit.record({
        actor: principalOf(res)?.subject ?? null,
        method,
        path,
        status: res.statusCode,
        clientIp,
        requestId,
        location: typeof location === 'string' ? location : undefined,
      });
    });
    next();
  };
}
