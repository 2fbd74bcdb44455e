import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token-issuer.js';
import { AuthController } from './auth.controller.js';
import { CredentialRefusals } from '../limits/limits.js';

/**
 * The gateway as the local identity provider: demo sign-in and the public keys. The count of
 * refused credentials per address lives here, shared by sign-in and the door's identity check.
 */
@Module({ controllers: [AuthController], providers: [AccessTokenIssuer, CredentialRefusals], exports: [AccessTokenIssuer, CredentialRefusals] })
export class AuthModule {}
