import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import type { DocumentForm } from '@onestop/domain';
import { IsNestedArray, trimmed } from '@onestop/platform';
import { CopiesProvided, FormProvided } from './provided-document.fields.js';

/**
 * One item a supplement supplies: a document of the procedure's list the request asked for
 * (`requirement`), or any item of the request by its number (`item`, needed for the extra items
 * the officer asked in words); one or the other. The files carrying it are uploaded first
 * (`POST /dossiers/{code}/documents`) and named here.
 */
export class SuppliedDocumentDto {
  @ApiPropertyOptional({ example: 3, minimum: 1, description: 'A document of the procedure\'s list the request asks for, by its 1-based position (as the dossier\'s `documents` and the request\'s items name it). Give `requirement` or `item`, not both.' })
  @ValidateIf((o: SuppliedDocumentDto) => o.requirement !== undefined || o.item === undefined)
  @IsInt({ message: 'requirement must be the 1-based position of a document in the procedure\'s list (or give item, the number of the request\'s item)' })
  @Min(1)
  @Max(200)
  requirement?: number;

  @ApiPropertyOptional({ example: 2, minimum: 1, description: 'The number of the request\'s item supplied (the dossier\'s `supplementRequests[].items[].item`, as form 02 numbers them), for an extra item asked in words, or any item.' })
  @ValidateIf((o: SuppliedDocumentDto) => o.item !== undefined || o.requirement === undefined)
  @IsInt({ message: 'item must be the number of an item of the supplement request' })
  @Min(1)
  @Max(200)
  @ValidateBy({
    name: 'requirementOrItem',
    validator: {
      validate: (_value, args) => (args?.object as SuppliedDocumentDto).requirement === undefined,
      defaultMessage: () => 'give requirement (a document of the procedure\'s list) or item (the request\'s item), not both',
    },
  })
  item?: number;

  @CopiesProvided()
  quantity: number = 1;

  @FormProvided('original', 'The form provided, when it differs from the one the procedure asks.')
  form?: DocumentForm;

  @ApiPropertyOptional({ type: [String], example: ['3f1c2a9e-8b7d-4c55-9e0a-2b6f1d4c8a71'], description: 'Ids of files uploaded to this dossier (`POST /dossiers/{code}/documents`) that carry it (422 `unknown-file` for one that is not the dossier\'s).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'files must be ids of documents uploaded to the dossier' })
  files?: string[];
}

/** The applicant's answer to a supplement request (form 02): what it supplies, item by item. */
export class SubmitSupplementRequest {
  @ApiProperty({
    type: [SuppliedDocumentDto],
    description: 'What this answer supplies, against the request\'s items: documents of the procedure\'s list by `requirement`, any item by `item`. At least one.',
    example: [{ requirement: 3, files: ['3f1c2a9e-8b7d-4c55-9e0a-2b6f1d4c8a71'] }, { item: 2 }],
  })
  @IsNestedArray(() => SuppliedDocumentDto, { max: 200, min: 1, minMessage: 'documents must supply at least one item of the request' })
  documents: SuppliedDocumentDto[];

  @ApiPropertyOptional({ example: 'Bổ sung giấy khám sức khỏe' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  note?: string;
}
