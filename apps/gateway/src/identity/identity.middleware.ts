import type { NextFunction, Request, Response } from 'express';
import { type CallerResolver, ProblemDetailsFilter, PROBLEM_CONTENT_TYPE, ProblemException } from '@onestop/platform';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';

/** Who is calling, as established at the door, for rate limits and the audit log. */
export interface Principal {
  subject: string;
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

const problems = new ProblemDetailsFilter();

export function sendProblem(req: Request, res: Response, error: unknown): void {
  const problem = problems.toProblem(error, req);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * The gateway checks credentials before routing: a bearer token is verified (a bad one is
 * refused here, and again by the service), and an `X-Api-Key` is exchanged for a short-lived
 * bearer token, so the services behind the door check one kind of credential.
 */
export function createIdentityMiddleware(apiKeys: ApiKeysService, callers: CallerResolver) {
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
      sendProblem(req, res, error);
    }
  };
}
