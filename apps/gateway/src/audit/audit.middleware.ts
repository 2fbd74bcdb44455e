import type { NextFunction, Request, Response } from 'express';
import { currentRequestId } from '@onestop/platform';
import { principalOf } from '../identity/identity.middleware.js';
import type { AuditService } from './audit.service.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes an audit entry once a change has been answered, whatever the outcome. */
export function createAuditMiddleware(audit: AuditService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!CHANGES.has(req.method) || !req.path.startsWith('/api/')) return next();
    const requestId = currentRequestId() ?? null;
    const path = req.path;
    res.on('finish', () => {
      const location = res.getHeader('location');
      void audit.record({
        actor: principalOf(res)?.subject ?? null,
        method: req.method,
        path,
        status: res.statusCode,
        clientIp: req.ip ?? null,
        requestId,
        location: typeof location === 'string' ? location : undefined,
      });
    });
    next();
  };
}
