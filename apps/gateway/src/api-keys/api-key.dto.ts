import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '@onestop/domain';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'Cổng DVCQG - đồng bộ hồ sơ', description: 'Who the key is for, for people reading the list.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['sync:read', 'sync:write'], description: 'sync:read and sync:write open the /sync feeds; postal acts as the postal operator.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `scopes must hold: ${API_KEY_SCOPES.join(', ')}` })
  scopes: ApiKeyScope[];
}

export class ApiKeyView {
  @ApiProperty({ example: '2f1d6a7e-3c52-4a8e-9a91-6b1f0f3f7c11' })
  id: string;

  @ApiProperty({ example: 'Cổng DVCQG - đồng bộ hồ sơ' })
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['sync:read'] })
  scopes: ApiKeyScope[];

  @ApiProperty({ example: 'osk_Xy3k', description: 'The first characters of the key, to tell keys apart.' })
  prefix: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T16:00:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-25T17:12:00+07:00', description: 'Last use, to the minute.' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;
}

export class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ example: 'osk_Xy3kQm…', description: 'The key itself, shown this once: send it as `X-Api-Key`. Only its hash is kept.' })
  key: string;
}
