import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token-issuer.js';
import { AuthController } from './auth.controller.js';

/** The gateway as the local identity provider: demo sign-in and the public keys. */
@Module({ controllers: [AuthController], providers: [AccessTokenIssuer], exports: [AccessTokenIssuer] })
export class AuthModule {}
