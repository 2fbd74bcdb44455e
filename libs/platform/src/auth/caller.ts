import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@onestop/domain';
import { ServiceConfig } from '../config/config.js';

/** Who is calling: a person or machine, their roles, and the agencies they act for. */
export interface Caller {
  subject: string;
  roles: Role[];
  agencyCodes: string[];
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Works out the caller of a request. This is the seam identity plugs into: for now the only
 * credential is the bootstrap administrator token (`ADMIN_TOKEN`); bearer JWTs and API keys
 * replace this class without touching the endpoints, which only declare the roles they need.
 */
@Injectable()
export class CallerResolver {
  constructor(private readonly config: ServiceConfig) {}

  resolve(request: Request): Caller | undefined {
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !this.config.ADMIN_TOKEN) return undefined;
    return sameSecret(match[1], this.config.ADMIN_TOKEN) ? { subject: 'admin', roles: ['admin'], agencyCodes: [] } : undefined;
  }
}
