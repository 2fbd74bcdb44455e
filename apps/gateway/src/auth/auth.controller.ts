import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Access, ApiProblems, ProblemException } from '@onestop/platform';
import { GatewayConfig } from '../config.js';
import { AccessTokenIssuer } from './access-token-issuer.js';
import { JsonWebKeySetView, TokenRequest, TokenView } from './auth.dto.js';
import { findDemoUser } from './demo-users.js';
import { CredentialRefusals } from '../limits/limits.js';
import { GatewayAccess } from '../access-policy.js';

/** Compares digests, so neither the length nor the content of the password leaks through timing. */
function samePassword(offered: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(offered), digest(expected));
}

/**
 * The gateway's own resource: it is the local identity provider. The routing table sends no
 * `/api/v1/auth` request to a service, so these are answered here.
 */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly config: GatewayConfig,
    private readonly issuer: AccessTokenIssuer,
    private readonly refusals: CredentialRefusals,
  ) {}

  @Post('token')
  @Access(GatewayAccess.signIn)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in a demo user',
    description:
      'Issues an access token for one of the seeded demo users (one officer per role for two agencies of the demo province, an administrator, two citizens), on installations where `DEMO_USERS_PASSWORD` is set; elsewhere 404 `demo-users-disabled`. A wrong username or password is 401 `invalid-credentials`, and counts among the refused credentials of the caller\'s address (CREDENTIAL_FAILURES_PER_MINUTE): past that many in a minute, every sign-in from the address is 429 `too-many-refused-credentials`, whatever the password, until the minute ends (`Retry-After`). Send the token as `Authorization: Bearer <accessToken>`; every service verifies it against `/api/v1/auth/jwks.json`.',
  })
  @ApiBody({
    type: TokenRequest,
    examples: {
      officer: { summary: 'Reception officer of the service centre', value: { username: 'reception.ttphc', password: 'demo-password' } },
      citizen: { summary: 'A citizen', value: { username: 'citizen.an', password: 'demo-password' } },
      admin: { summary: 'The administrator', value: { username: 'admin', password: 'demo-password' } },
    },
  })
  @ApiOkResponse({ type: TokenView, description: 'The access token.' })
  @ApiProblems(400, 401, 404)
  async token(@Body() request: TokenRequest, @Req() req: Request): Promise<TokenView> {
    const password = this.config.DEMO_USERS_PASSWORD;
    if (!password || !this.issuer.canIssue) {
      throw ProblemException.notFound('demo-users-disabled', 'Demo sign-in is off on this installation; sign in at the identity provider.');
    }
    // Password guessing is the attack: past the address's refusals, no password is even checked.
    const tooMany = this.refusals.refusalFor(req);
    if (tooMany) throw tooMany;
    const user = findDemoUser(request.username);
    // Checked even for an unknown user, so the answer time does not tell which usernames exist.
    const passwordMatches = samePassword(request.password, password);
    if (!user || !passwordMatches) {
      this.refusals.count(req);
      throw new ProblemException(401, 'invalid-credentials', 'Unauthorized', 'The username or password is wrong.');
    }
    const issued = await this.issuer.issue({ subject: user.subject, roles: user.roles, agencyCodes: user.agencyCodes, name: user.name });
    return { accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn };
  }

  @Get('jwks.json')
  @Access(GatewayAccess.signIn)
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public keys of the tokens this gateway issues',
    description: 'A JSON Web Key Set (RFC 7517). Services point `AUTH_JWKS_URL` here when the gateway is the identity provider, as with `npm start` and docker compose.',
  })
  @ApiOkResponse({ type: JsonWebKeySetView, description: 'The key set.' })
  keys(): JsonWebKeySetView {
    return { keys: this.issuer.publicKeys() };
  }
}
