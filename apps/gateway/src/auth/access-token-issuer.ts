import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { type Caller, claimsOf } from '@onestop/platform';
import { GatewayConfig } from '../config.js';
import { parseSigningKey, SIGNING_ALGORITHM, type PublicSigningJwk, type SigningKey } from './signing-key.js';

export interface TokenTerms {
  issuer: string;
  audience: string;
  expiresAt: Date;
  /** Defaults to now. */
  issuedAt?: Date;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A signed access token naming `caller`, in the shape every service's verifier reads. */
export function signAccessToken(key: SigningKey, caller: Caller, terms: TokenTerms): Promise<string> {
  const issuedAt = terms.issuedAt ?? new Date();
  return new SignJWT({ ...claimsOf(caller) })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.publicJwk.kid, typ: 'JWT' })
    .setSubject(caller.subject)
    .setIssuer(terms.issuer)
    .setAudience(terms.audience)
    .setIssuedAt(seconds(issuedAt))
    .setExpirationTime(seconds(terms.expiresAt))
    .sign(key.privateKey);
}

export interface IssuedToken {
  accessToken: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/**
 * The gateway's own tokens (an API key exchanged at the door, a demo user's sign-in): signed
 * with `AUTH_SIGNING_KEY` as issuer `GATEWAY_TOKEN_ISSUER`, never in the identity provider's
 * name, and checked by every service against the public key published here
 * (`GATEWAY_JWKS_URL`, or `AUTH_JWKS_URL` when the gateway is the identity provider).
 */
@Injectable()
export class AccessTokenIssuer {
  private readonly key?: SigningKey;

  constructor(private readonly config: GatewayConfig) {
    // Already checked when the config was loaded; parsed once here.
    this.key = config.AUTH_SIGNING_KEY ? parseSigningKey(config.AUTH_SIGNING_KEY) : undefined;
  }

  get canIssue(): boolean {
    return this.key !== undefined;
  }

  /** The public keys for `/auth/jwks.json`: none when this gateway signs nothing. */
  publicKeys(): PublicSigningJwk[] {
    return this.key ? [this.key.publicJwk] : [];
  }

  /** A token for `caller`, valid `lifetimeSeconds` (AUTH_TOKEN_TTL_SECONDS by default). */
  async issue(caller: Caller, lifetimeSeconds?: number): Promise<IssuedToken> {
    if (!this.key) throw new Error('No AUTH_SIGNING_KEY: this gateway issues no tokens');
    const expiresIn = lifetimeSeconds ?? this.config.AUTH_TOKEN_TTL_SECONDS;
    const accessToken = await signAccessToken(this.key, caller, {
      issuer: this.config.GATEWAY_TOKEN_ISSUER,
      audience: this.config.AUTH_AUDIENCE,
      expiresAt: new Date(Date.now() + expiresIn * 1000),
    });
    return { accessToken, expiresIn };
  }
}
