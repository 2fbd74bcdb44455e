import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@onestop/platform';
import { LOOKUP_CODE_INPUT_PATTERN, LOOKUP_CODE_TYPING } from '../dossiers/lookup-secret.js';

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

const SECRET_DESCRIPTION =
  'The dossier\'s lookup code from the receipt (mã tra cứu): with it, no sign-in is needed, so an applicant who submitted at the counter or by post reads their files. Without it, the bearer token decides. ' + LOOKUP_CODE_TYPING;

/** The receipt's lookup code, for applicants without an account. */
export class DocumentSecretQuery {
  @ApiPropertyOptional({ example: 'Q7MK3XHP9T2D', description: SECRET_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(LOOKUP_CODE_INPUT_PATTERN, { message: 'secret must be the 12-character lookup code from the receipt' })
  secret?: string;
}

export class DocumentListQuery extends IntersectionType(PageQuery, DocumentSecretQuery) {}
