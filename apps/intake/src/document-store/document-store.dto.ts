import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { trimmed } from '@onestop/platform';

export class DigitiseDocumentRequest {
  @ApiPropertyOptional({
    maxLength: 500,
    example: 'Giấy khám sức khỏe',
    description: 'The type of document it is kept as in the applicant\'s store; by default the name of the procedure\'s document it was uploaded as (`requirement`), else its title. A later dossier reuses it for a required document of the same name.',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentType?: string;
}
