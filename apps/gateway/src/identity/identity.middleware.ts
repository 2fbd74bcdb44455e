import type { NextFunction, Request, Response } from 'express';
import { type CallerResolver, ProblemDetailsFilter, ProblemException } from '@onestop/platform';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import type { CredentialRefusals } from '../limits/limits.js';

/** Who is calling, as established at the door, for rate limits and the audit log. */
export interface Principal {
  subject: string;
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

const problems = new ProblemDetailsFilter();

/** A problem answered at the door, as every service answers one (language, Retry-After). */
export function sendProblem(req: Request, res: Response, error: unknown): void {
  problems.respond(error, req, res);
}

/**
 * The gateway checks credentials before routing: a bearer token is verified (a bad one is
 * refused here, and again by the service), and an `X-Api-Key` is exchanged for a short-lived
 * bearer token, so the services behind the door check one kind of credential. A refused
 * credential from an address that has used up its refusals this minute is answered 429
 * rather than 401; one that verifies goes through whatever its address did (CredentialRefusals).
 */
export function createIdentityMiddleware(apiKeys: ApiKeysService, callers: CallerResolver, refusals: CredentialRefusals) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const apiKey = req.header('x-api-key');
      if (apiKey !== undefined) {
        if (req.header('authorization')) {
          throw ProblemException.badRequest('ambiguous-credentials', 'Send either X-Api-Key or Authorization, not both.');
        }
        const { token, subject } = await apiKeys.exchange(apiKey);
        delete req.headers['x-api-key'];
        req.headers.authorization = `Bearer ${token}`;
        res.locals.principal = { subject } satisfies Principal;
      } else if (req.header('authorization')) {
        const caller = await callers.resolve(req);
        if (caller) res.locals.principal = { subject: caller.subject } satisfies Principal;
      }
      next();
    } catch (error) {
      const refused = error instanceof ProblemException && error.getStatus() === 401;
      sendProblem(req, res, (refused && refusals.refusalFor(req)) || error);
    }
  };
}
