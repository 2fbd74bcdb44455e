import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { distinguishKeySetFailures, InvalidTokenError, KeySetUnavailableError, verifyAccessToken } from './access-token.js';
import type { Caller } from './caller.js';

/**
 * Verifies people's bearer JWTs in this service, against the identity provider's published
 * keys (`AUTH_JWKS_URL`). The key set is fetched on first use and cached by jose; a token
 * signed with a key not yet seen makes it fetch again (at most every 30 s), so the provider
 * can rotate keys without restarting anything.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly logger = new Logger('AccessTokens');
  private readonly keys?: JWTVerifyGetKey;

  constructor(private readonly config: ServiceConfig) {
    if (config.AUTH_JWKS_URL) {
      this.keys = distinguishKeySetFailures(createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { timeoutDuration: config.HTTP_TIMEOUT_MS }));
    }
  }

  /** The caller a token names; a 401 `invalid-token` problem saying why when it is refused. */
  async verify(token: string): Promise<Caller> {
    if (!this.keys) {
      throw invalidToken('Bearer tokens cannot be checked here: no identity provider key set is configured.');
    }
    try {
      return await verifyAccessToken(token, this.keys, { issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE });
    } catch (error) {
      if (error instanceof InvalidTokenError) throw invalidToken(error.reason);
      if (error instanceof KeySetUnavailableError) {
        this.logger.warn(`cannot verify a bearer token: ${error.message}`);
        throw ProblemException.serviceUnavailable('identity-keys-unavailable', 'The keys to check the token with cannot be fetched right now; try again shortly.');
      }
      throw error;
    }
  }
}

function invalidToken(detail: string): ProblemException {
  return new ProblemException(401, 'invalid-token', 'Unauthorized', detail);
}
