import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AGENCY_CODE_PATTERN, API_KEY_SCOPES, type ApiKeyScope, type Role, ROLES } from '@onestop/domain';
import type { Caller } from './caller.js';

/**
 * The claims of a person's access token beyond the registered ones: `sub` is the person,
 * `roles` what they may do, `agencies` the agency codes an officer acts for (QCVN codes such
 * as `000.00.01.H56`; none for a citizen), `name` how to address them.
 */
export interface AccessTokenClaims {
  roles: Role[];
  agencies: string[];
  name?: string;
  /** A machine's API-key scopes, when the gateway exchanged an API key for this token. */
  scopes?: ApiKeyScope[];
}

/**
 * Signature algorithms accepted on access tokens: asymmetric only, so a service holding the
 * public keys can never mint a token, and `none` or HMAC tricks are refused outright.
 */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256'];

/** Tolerated clock difference between the identity provider and a service, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** A token that is well signed but does not say who its bearer is in a way we understand. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The keys could not be fetched or read: the identity provider's fault, not the caller's. */
export class KeySetUnavailableError extends Error {
  constructor(cause: unknown, whose = "the identity provider's key set") {
    super(`${whose} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'KeySetUnavailableError';
  }
}

/** The claims to put in a token for a caller (the subject goes in `sub`). */
export function claimsOf(caller: Caller): AccessTokenClaims {
  return {
    roles: caller.roles,
    agencies: caller.agencyCodes,
    ...(caller.name ? { name: caller.name } : {}),
    ...(caller.scopes?.length ? { scopes: caller.scopes } : {}),
  };
}

const KNOWN_ROLES = new Set<string>(ROLES);
const KNOWN_SCOPES = new Set<string>(API_KEY_SCOPES);

/** Reads the caller out of a verified token's claims, refusing anything it does not understand. */
export function callerFromClaims(payload: JWTPayload): Caller {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    throw new InvalidTokenError('The token does not name its subject (sub).');
  }
  const scopes = payload.scopes ?? [];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && KNOWN_SCOPES.has(scope))) {
    throw new InvalidTokenError(`The token's "scopes" must be a list of: ${API_KEY_SCOPES.join(', ')}.`);
  }
  const roles = payload.roles;
  // A person has roles; a machine's token may have only scopes.
  if (!Array.isArray(roles) || (roles.length === 0 && scopes.length === 0) || !roles.every((role) => typeof role === 'string')) {
    throw new InvalidTokenError('The token carries no roles: "roles" must be a non-empty list.');
  }
  const unknown = roles.filter((role) => !KNOWN_ROLES.has(role));
  if (unknown.length > 0) {
    throw new InvalidTokenError(`The token carries roles this system does not know: ${unknown.join(', ')}. Known roles: ${ROLES.join(', ')}.`);
  }
  const agencies = payload.agencies ?? [];
  if (!Array.isArray(agencies) || !agencies.every((code) => typeof code === 'string' && AGENCY_CODE_PATTERN.test(code))) {
    throw new InvalidTokenError('The token\'s "agencies" must be a list of agency codes such as 000.00.01.H56.');
  }
  if (payload.name !== undefined && typeof payload.name !== 'string') {
    throw new InvalidTokenError('The token\'s "name" must be text.');
  }
  return {
    subject: payload.sub,
    roles: [...new Set(roles as Role[])],
    agencyCodes: [...new Set(agencies as string[])],
    ...(payload.name ? { name: payload.name } : {}),
    ...(scopes.length ? { scopes: [...new Set(scopes as ApiKeyScope[])] } : {}),
  };
}

export interface TokenExpectations {
  issuer: string;
  audience: string;
}

/**
 * Only a missing or ambiguous key for this token, or an algorithm nobody publishes, is the
 * token's fault; anything else while getting the keys (network, timeout, a malformed key
 * set) means the identity provider cannot be asked right now.
 */
export function distinguishKeySetFailures(keys: JWTVerifyGetKey, whose?: string): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new KeySetUnavailableError(error, whose);
    }
  };
}

/**
 * Checks a bearer JWT (signature against the provider's keys, expiry, issuer, audience) and
 * returns who it names. Throws InvalidTokenError with the reason in plain words, or
 * KeySetUnavailableError when the keys cannot be had.
 */
export async function verifyAccessToken(token: string, keys: JWTVerifyGetKey, expected: TokenExpectations): Promise<Caller> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ACCESS_TOKEN_ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof KeySetUnavailableError) throw error;
    throw new InvalidTokenError(whyRefused(error, expected));
  }
  return callerFromClaims(payload);
}

function whyRefused(error: unknown, expected: TokenExpectations): string {
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    return typeof exp === 'number' ? `The token expired at ${new Date(exp * 1000).toISOString()}; get a new one.` : 'The token has expired; get a new one.';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason, payload } = error;
    if (reason === 'missing') return `The token lacks the "${claim}" claim.`;
    if (claim === 'iss') return `The token was issued by ${JSON.stringify(payload.iss)}, not by the trusted issuer "${expected.issuer}".`;
    if (claim === 'aud') return `The token is meant for ${JSON.stringify(payload.aud)}, not for this API ("${expected.audience}").`;
    if (claim === 'nbf') return 'The token is not valid yet.';
    if (claim === 'iat') return 'The token claims to be issued in the future.';
    return `The token's "${claim}" claim is invalid.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'The token\'s signature does not verify: it was not signed by the trusted identity provider, or it was altered.';
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'The token was signed with a key the trusted identity provider does not publish.';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return `The token is signed with an algorithm that is not accepted; accepted: ${ACCESS_TOKEN_ALGORITHMS.join(', ')}.`;
  }
  return 'The bearer token is not a well-formed JWT.';
}
