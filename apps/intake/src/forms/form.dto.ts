import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FormFormatQuery } from '@onestop/platform';
import { DocumentSecretQuery } from '../documents/document.dto.js';

/** Which supplement request form 02 prints. */
export class FormSequenceQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1, description: 'Form 02 only: which of the dossier\'s supplement requests (1 = the first); the latest by default.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  sequence?: number;
}

/** `?secret=` (the receipt's lookup code), `?format=pdf|json`, `?sequence=` (form 02); nothing else. */
export class DossierFormQuery extends IntersectionType(DocumentSecretQuery, FormFormatQuery, FormSequenceQuery) {}
