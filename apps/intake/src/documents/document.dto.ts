import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@onestop/platform';

/** The text fields of an upload form, validated like any JSON body once the form is read. */
export class UploadDocumentFields {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  requirement?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;
}

/** The `multipart/form-data` body of an upload, as OpenAPI describes it. */
export class UploadDocumentForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file: PDF, JPEG or PNG, told by its content (not its name or declared type); at most `DOCUMENT_MAX_BYTES` (20 MiB by default).' })
  file: unknown;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1, description: 'Which document of the procedure\'s list this is a copy of (1-based, as in the dossier\'s `documents`).' })
  requirement?: number;

  @ApiPropertyOptional({ maxLength: 500, example: 'Đơn đề nghị (bản scan có chữ ký)', description: 'What the file is, in words.' })
  title?: string;
}

export class DocumentListQuery extends PageQuery {}
