import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class TokenRequest {
  @ApiProperty({ example: 'reception.ttphc', description: 'A demo user\'s username.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo-password', description: 'The demo users\' password (`DEMO_USERS_PASSWORD`).', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class TokenView {
  @ApiProperty({
    description: 'A JWT to send as `Authorization: Bearer <accessToken>`. Its claims: `sub`, `roles`, `agencies` (agency codes the person acts for), `name`.',
    example: 'eyJhbGciOiJFUzI1NiIsImtpZCI6IjRpYy1fM2lK...',
  })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires.', example: 3600 })
  expiresIn: number;
}

export class PublicKeyView {
  @ApiProperty({ example: 'EC' }) kty: string;
  @ApiProperty({ example: 'P-256' }) crv: string;
  @ApiProperty({ example: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU' }) x: string;
  @ApiProperty({ example: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }) y: string;
  @ApiProperty({ description: 'Key id (RFC 7638 thumbprint); tokens name their key by it.', example: '4ic-_3iJ0Jg1Aq8qUaVgUfSfWE1zd4gS1cLR3P3jN5o' }) kid: string;
  @ApiProperty({ example: 'ES256' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
}

export class JsonWebKeySetView {
  @ApiProperty({ type: [PublicKeyView], description: 'The public keys tokens are signed with; empty when this gateway issues none.' })
  keys: PublicKeyView[];
}
