import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyScope, Role } from '@onestop/domain';
import { ServiceConfig } from '../config/config.js';
import { AccessTokenVerifier } from './access-token-verifier.js';

/** Who is calling: a person or machine, their roles, and the agencies they act for. */
export interface Caller {
  subject: string;
  roles: Role[];
  agencyCodes: string[];
  /** How to address the person, when their token says. */
  name?: string;
  /** A machine's API-key scopes; none for people. */
  scopes?: ApiKeyScope[];
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Works out the caller of a request from its `Authorization: Bearer` credential: the bootstrap
 * administrator token (`ADMIN_TOKEN`) or a person's JWT from the identity provider. Endpoints
 * never see which; they only declare the roles they need.
 */
@Injectable()
export class CallerResolver {
  constructor(
    private readonly config: ServiceConfig,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  /**
   * The caller, or undefined when the request carries no bearer credential. A credential that
   * is offered but refused is a 401 `invalid-token` problem saying why.
   */
  async resolve(request: IncomingMessage): Promise<Caller | undefined> {
    const offered = request.headers.authorization;
    const header = (Array.isArray(offered) ? offered[0] : offered) ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return undefined;
    const token = match[1];
    // The bootstrap administrator is system-wide: no agency in particular.
    if (this.config.ADMIN_TOKEN && sameSecret(token, this.config.ADMIN_TOKEN)) return { subject: 'admin', roles: ['admin'], agencyCodes: [] };
    return this.tokens.verify(token);
  }
}
