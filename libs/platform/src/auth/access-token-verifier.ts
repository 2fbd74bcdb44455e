import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey } from 'jose';
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
/**
 * How long a verified token is taken at its word without checking its signature again (never
 * past its expiry). A client sends the same token with every request, and each request is
 * checked at the gateway and again in the service; a signature check costs more CPU than the
 * rest of a simple read. A key withdrawn from the key set stops being trusted within this.
 */
const VERIFIED_TOKEN_REUSE_MS = 60_000;
/** Bounds the memory the verified tokens take; when full, the oldest go first. */
const VERIFIED_TOKENS_KEPT = 10_000;

@Injectable()
export class AccessTokenVerifier {
  private readonly logger = new Logger('AccessTokens');
  private readonly keys?: JWTVerifyGetKey;
  private readonly verified = new Map<string, { caller: Caller; reuseUntil: number }>();

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
    const known = this.verified.get(token);
    if (known && known.reuseUntil > Date.now()) return copyOf(known.caller);
    try {
      const caller = await verifyAccessToken(token, this.keys, { issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE });
      this.remember(token, caller);
      return copyOf(caller);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw invalidToken(error.reason);
      if (error instanceof KeySetUnavailableError) {
        this.logger.warn(`cannot verify a bearer token: ${error.message}`);
        throw ProblemException.serviceUnavailable('identity-keys-unavailable', 'The keys to check the token with cannot be fetched right now; try again shortly.');
      }
      throw error;
    }
  }

  private remember(token: string, caller: Caller): void {
    const { exp } = decodeJwt(token);
    const reuseUntil = Math.min(Date.now() + VERIFIED_TOKEN_REUSE_MS, (exp ?? 0) * 1000);
    if (reuseUntil <= Date.now()) return;
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { caller, reuseUntil });
  }
}

/** Each request gets its own caller, so nothing one request does to it reaches another. */
function copyOf(caller: Caller): Caller {
  return { ...caller, roles: [...caller.roles], agencyCodes: [...caller.agencyCodes], ...(caller.scopes ? { scopes: [...caller.scopes] } : {}) };
}

function invalidToken(detail: string): ProblemException {
  return new ProblemException(401, 'invalid-token', 'Unauthorized', detail);
}
