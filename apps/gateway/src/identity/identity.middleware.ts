import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallerResolver, ProblemException } from '@onestop/platform';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import type { CredentialRefusals } from '../limits/limits.js';
import { answerProblem, type DoorStep } from '../door/door.js';

/** Who is calling, as established at the door, for rate limits and the audit log. */
export interface Principal {
  subject: string;
}

const principals = new WeakMap<ServerResponse, Principal>();

export function principalOf(res: ServerResponse): Principal | undefined {
  return principals.get(res);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The gateway checks credentials before routing: a bearer token is verified (a bad one is
 * refused here, and again by the service), and an `X-Api-Key` is exchanged for a short-lived
 * bearer token, so the services behind the door check one kind of credential. A refused
 * credential from an address that has used up its refusals this minute is answered 429
 * rather than 401; one that verifies goes through whatever its address did (CredentialRefusals).
 */
export function createIdentityMiddleware(apiKeys: ApiKeysService, callers: CallerResolver, refusals: CredentialRefusals): DoorStep {
  const identify = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const apiKey = headerOf(req, 'x-api-key');
    if (apiKey !== undefined) {
      if (headerOf(req, 'authorization')) {
        throw ProblemException.badRequest('ambiguous-credentials', 'Send either X-Api-Key or Authorization, not both.');
      }
      const { token, subject } = await apiKeys.exchange(apiKey);
      delete req.headers['x-api-key'];
      req.headers.authorization = `Bearer ${token}`;
      principals.set(res, { subject });
    } else if (headerOf(req, 'authorization')) {
      const caller = await callers.resolve(req);
      if (caller) principals.set(res, { subject: caller.subject });
    }
  };
  return (req, res, next) => {
    // Most requests carry no credential, or one verified a moment ago: no promise for the first.
    if (req.headers['x-api-key'] === undefined && req.headers.authorization === undefined) return next();
    identify(req, res).then(
      () => next(),
      (error: unknown) => {
        const refused = error instanceof ProblemException && error.getStatus() === 401;
        answerProblem(req, res, (refused && refusals.refusalFor(req)) || error);
      },
    );
  };
}
