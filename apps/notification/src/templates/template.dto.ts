import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NOTIFICATION_KINDS, TEMPLATE_CHANNELS } from '@onestop/domain';
import { PageQuery, trimmed } from '@onestop/platform';

export class TemplateListQuery extends PageQuery {}

export class SaveTemplateRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Hồ sơ {{dossierCode}} đã được tiếp nhận',
    description: 'The email subject or the in-app notice\'s title (required on those channels; SMS and Zalo have none). Placeholders as in `body`.',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  subject?: string | null;

  @ApiProperty({
    example: 'Ho so {{dossierCode}} da duoc tiep nhan. Ma tra cuu: {{lookupCode}}. Hen tra ket qua: {{appointmentAt}}.',
    description: 'The text, with `{{placeholder}}`s from the template\'s `placeholders` (any other is a 400 `unknown-placeholder` naming it). An SMS must fit in two segments with the placeholders at their sample lengths (422 `sms-too-long`).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  body: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '245017', description: 'Zalo only: the ZNS template id Zalo approved for this message; its parameters are the placeholders\' names.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'providerTemplateId must be 1-64 letters, digits, underscores or dashes' })
  providerTemplateId?: string | null;
}

export const TEMPLATE_KIND_PARAM = { name: 'kind', enum: NOTIFICATION_KINDS, example: 'dossier_received', description: 'What the message tells.' };
export const TEMPLATE_CHANNEL_PARAM = { name: 'channel', enum: TEMPLATE_CHANNELS, example: 'sms', description: 'sms, email, zalo (applicants) or in_app (officers).' };
