import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Role } from '@onestop/domain';
import { type AuthenticatedRequest, type Caller, CallerResolver, ProblemException, SignInOptional } from '@onestop/platform';
import { LOOKUP_CODE_INPUT_PATTERN, LOOKUP_CODE_TYPING } from '../dossiers/lookup-secret.js';

const ROLES_OR_LOOKUP_CODE = 'onestop:roles-or-lookup-code';

/**
 * Who acts for the applicant: a signed-in caller (the applicant, an officer on their behalf),
 * or whoever holds the dossier's lookup code from the receipt (an applicant at the counter or by
 * post, who has no account). The code, when sent, decides alone.
 */
export type ApplicantProof = { caller: Caller; secret?: undefined } | { caller?: undefined; secret: string };

/** The receipt's lookup code, optional: without it, the bearer token decides. */
export class LookupCodeQuery {
  @ApiPropertyOptional({
    example: 'Q7MK3XHP9T2D',
    description: `The dossier's lookup code from the receipt (mã tra cứu): with it no sign-in is needed, for an applicant who submitted at the counter or by post and has no account. A wrong code is a 404, as an unknown dossier is, and counts towards the dossier's lookup limit (429 \`too-many-lookup-attempts\`). Without it, the bearer token decides. ${LOOKUP_CODE_TYPING}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'secret must be the 12-character lookup code from the receipt' })
  secret?: string;
}

/**
 * `@Roles(...)` unless the request carries the lookup code (`?secret=`): then the handler checks
 * the code (404 when wrong, counted by LookupAttempts). Without it, 401 with no credential and
 * 403 without one of the roles, as `@Roles` answers, before the body is read.
 */
@Injectable()
export class RolesOrLookupCodeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.get<Role[] | undefined>(ROLES_OR_LOOKUP_CODE, context.getHandler()) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.query?.secret !== undefined) return true;
    const caller = request.caller ?? (await this.callers.resolve(request));
    request.caller = caller;
    if (!caller) {
      throw new ProblemException(401, 'authentication-required', 'Unauthorized', 'This operation needs credentials (Authorization: Bearer <token>) or the lookup code from the receipt as `secret`.');
    }
    if (!caller.roles.some((role) => roles.includes(role))) {
      throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs one of the roles ${roles.join(', ')}, or the lookup code from the receipt as \`secret\`.`);
    }
    return true;
  }
}

/** The roles that may call an operation signed in; with the lookup code anyone may (the operation is public in the roles guard's eyes). */
export function RolesOrLookupCode(...roles: Role[]): MethodDecorator {
  // Public in the roles guard's eyes, reading a bearer token when one is sent: so the OpenAPI security says "none, or a bearer token of these roles".
  return applyDecorators(SetMetadata(ROLES_OR_LOOKUP_CODE, roles), SignInOptional(...roles), UseGuards(RolesOrLookupCodeGuard));
}

/** Who acts, from the guard's verdict: the lookup code when sent, else the signed-in caller. */
export function applicantProof(request: AuthenticatedRequest, secret: string | undefined): ApplicantProof {
  return secret !== undefined ? { secret } : { caller: request.caller! };
}
