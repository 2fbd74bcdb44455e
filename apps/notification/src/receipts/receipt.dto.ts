import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '@onestop/platform';

export class DeliveryReceiptRequest {
  @ApiProperty({ example: 'SMS-8842-1193', description: 'The provider\'s id of the message, as it answered when it took it.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  messageId: string;

  @ApiProperty({ enum: ['delivered', 'failed'], example: 'delivered' })
  @IsIn(['delivered', 'failed'])
  status: 'delivered' | 'failed';

  @ApiProperty({ example: '2026-03-16T10:00:05+07:00', description: 'When it was delivered or given up, RFC 3339.' })
  @IsInstant()
  at: string;

  @ApiPropertyOptional({ example: 'handset unreachable for 24 h', description: 'Why it was not delivered.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DeliveryReceiptAnswer {
  @ApiProperty({ example: true, description: 'false when the same receipt came before (nothing changed).' })
  recorded: boolean;
}
