import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AUDIT_ACTION_HEADER, AUDIT_DOSSIER_HEADER, currentRequestId } from '@onestop/platform';
import { principalOf } from '../identity/identity.middleware.js';
import type { AuditService } from './audit.service.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the owning service said of the change (setAuditHints), taken off its answer. */
interface ServiceHints {
  action?: string;
  dossierCode?: string;
}

/**
 * Takes the audit headers off an answer just before its headers are written, so the client
 * never sees them: a routed answer's headers are copied from the service's, and written when
 * its body starts streaming, both through `writeHead`.
 */
function takeHintsBeforeHeaders(res: ServerResponse, hints: ServiceHints): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const action = res.getHeader(AUDIT_ACTION_HEADER);
    const dossierCode = res.getHeader(AUDIT_DOSSIER_HEADER);
    if (typeof action === 'string') hints.action = action;
    if (typeof dossierCode === 'string') hints.dossierCode = dossierCode;
    res.removeHeader(AUDIT_ACTION_HEADER);
    res.removeHeader(AUDIT_DOSSIER_HEADER);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

/**
 * Writes an audit entry once a change has been answered, whatever the outcome, with what the
 * service that answered said it did (the case action, the shipment's dossier). Bodies stream
 * to the services untouched and are never read here.
 */
export function createAuditMiddleware(audit: AuditService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/')) return next();
    const hints: ServiceHints = {};
    // On every answer, audited or not: the audit headers are the gateway's business only.
    takeHintsBeforeHeaders(res, hints);
    if (!CHANGES.has(req.method)) return next();
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
        action: hints.action,
        dossierCode: hints.dossierCode,
      });
    });
    next();
  };
}
