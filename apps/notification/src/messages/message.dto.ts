import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { APPLICANT_CHANNELS, DOSSIER_CODE_PATTERN } from '@onestop/domain';
import { PageQuery } from '@onestop/platform';

export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'failed'] as const;

export class MessageListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES, example: 'failed', description: 'Only messages in this status (`failed`: those to look at and resend).' })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: (typeof MESSAGE_STATUSES)[number];

  @ApiPropertyOptional({ enum: APPLICANT_CHANNELS, example: 'sms' })
  @IsOptional()
  @IsIn(APPLICANT_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ example: '000.00.01.H56-260316-0001', description: 'The messages of one dossier.' })
  @IsOptional()
  @IsString()
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode must be a dossier code such as 000.00.01.H56-260316-0001' })
  dossierCode?: string;
}

export class SimulatedMessageQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICANT_CHANNELS, example: 'email' })
  @IsOptional()
  @IsIn(APPLICANT_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'What one phone number or address received.' })
  @IsOptional()
  @IsString()
  @Matches(/^(\+?\d{9,12}|[^\s@]{1,100}@[^\s@]{1,100})$/, { message: 'recipient must be a phone number or an email address' })
  recipient?: string;
}
