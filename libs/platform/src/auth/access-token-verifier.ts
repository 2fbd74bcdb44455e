import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey } from 'jose';
import { ServiceConfig } from '../config/config.js';
import { ProblemException } from '../errors/problem.js';
import { distinguishKeySetFailures, InvalidTokenError, KeySetUnavailableError, verifyAccessToken } from './access-token.js';
import type { Caller } from './caller.js';

/**
 * How long a verified token is taken at its word without checking its signature again (never
 * past its expiry). A client sends the same token with every request, and each request is
 * checked at the gateway and again in the service; a signature check costs more CPU than the
 * rest of a simple read. A key withdrawn from the key set stops being trusted within this.
 */
const VERIFIED_TOKEN_REUSE_MS = 60_000;
/** Bounds the memory the verified tokens take; when full, the oldest go first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** An issuer this service trusts, and the keys its tokens are checked against. */
interface TrustedIssuer {
  /** The key set, or none when its setting is unset (its tokens are then refused). */
  keys?: JWTVerifyGetKey;
  /** The setting naming the key set, for messages. */
  setting: 'AUTH_JWKS_URL' | 'GATEWAY_JWKS_URL';
}

/**
 * Verifies bearer JWTs in this service. Two issuers are trusted, each with its own published
 * keys: the identity provider, for people (`AUTH_ISSUER`, keys at `AUTH_JWKS_URL`), and the
 * gateway, for the tokens it signs itself when it exchanges an API key or signs in a demo user
 * (`GATEWAY_TOKEN_ISSUER`, keys at `GATEWAY_JWKS_URL`, by default `AUTH_JWKS_URL`). The
 * token's issuer, read before anything is verified, only picks the key set: the token must
 * then verify with those keys and carry that issuer, so one issuer's keys never vouch for the
 * other's tokens; any other issuer is refused. Each key set is fetched on first use and cached
 * by jose; a token signed with a key not yet seen makes it fetch again (at most every 30 s),
 * so either side can rotate keys without restarting anything.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly logger = new Logger('AccessTokens');
  /** By issuer: the identity provider's first, so when both name the same issuer its keys decide. */
  private readonly issuers = new Map<string, TrustedIssuer>();
  private readonly verified = new Map<string, { caller: Caller; reuseUntil: number }>();

  constructor(private readonly config: ServiceConfig) {
    const keySets = new Map<string, JWTVerifyGetKey>();
    // One fetcher per URL, so the two issuers share its cache when the gateway is the identity provider.
    const keysAt = (url: string | undefined, whose: string) => {
      if (!url) return undefined;
      if (!keySets.has(url)) keySets.set(url, distinguishKeySetFailures(createRemoteJWKSet(new URL(url), { timeoutDuration: config.HTTP_TIMEOUT_MS }), whose));
      return keySets.get(url);
    };
    this.issuers.set(config.AUTH_ISSUER, { keys: keysAt(config.AUTH_JWKS_URL, "the identity provider's key set"), setting: 'AUTH_JWKS_URL' });
    if (!this.issuers.has(config.GATEWAY_TOKEN_ISSUER)) {
      const gatewayKeys = config.GATEWAY_JWKS_URL ?? config.AUTH_JWKS_URL;
      this.issuers.set(config.GATEWAY_TOKEN_ISSUER, { keys: keysAt(gatewayKeys, "the gateway's key set"), setting: config.GATEWAY_JWKS_URL ? 'GATEWAY_JWKS_URL' : 'AUTH_JWKS_URL' });
    }
  }

  /** The caller a token names; a 401 `invalid-token` problem saying why when it is refused. */
  async verify(token: string): Promise<Caller> {
    if (![...this.issuers.values()].some((trusted) => trusted.keys)) {
      throw invalidToken('Bearer tokens cannot be checked here: no identity provider key set is configured.');
    }
    const known = this.verified.get(token);
    if (known && known.reuseUntil > Date.now()) return copyOf(known.caller);
    const issuer = this.claimedIssuer(token);
    const trusted = this.issuers.get(issuer);
    if (!trusted) {
      const names = [...this.issuers.keys()].map((name) => JSON.stringify(name));
      throw invalidToken(`The token was issued by ${JSON.stringify(issuer)}, not by ${names.length === 1 ? 'the trusted issuer' : 'a trusted issuer:'} ${names.join(' or ')}.`);
    }
    if (!trusted.keys) {
      throw invalidToken(`Tokens issued by ${JSON.stringify(issuer)} cannot be checked here: no key set is configured for them (${trusted.setting}).`);
    }
    try {
      const caller = await verifyAccessToken(token, trusted.keys, { issuer, audience: this.config.AUTH_AUDIENCE });
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

  /** Who the token says issued it, unverified: it only picks the keys to verify it with. */
  private claimedIssuer(token: string): string {
    let iss: unknown;
    try {
      ({ iss } = decodeJwt(token));
    } catch {
      throw invalidToken('The bearer token is not a well-formed JWT.');
    }
    if (iss === undefined) throw invalidToken('The token lacks the "iss" claim.');
    if (typeof iss !== 'string') throw invalidToken('The token\'s "iss" claim is invalid.');
    return iss;
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
